;;; sysv-ha.el --- sysv-ha with eglot (Emacs 29+, or eglot 1.12+ from GNU ELPA)
;; Load it from your init file: (load "/path/to/sysv-ha.el"). Files are recognised by path;
;; eglot starts `sysv-ha lsp --stdio' for them. eglot runs one server per major mode, so init
;; scripts get a mode of their own derived from sh-mode (bash-language-server keeps sh-mode).
(define-derived-mode sysv-ha-inittab-mode conf-unix-mode "inittab")
(define-derived-mode sysv-ha-hacf-mode conf-space-mode "ha.cf")
(define-derived-mode sysv-ha-haresources-mode conf-space-mode "haresources")
(define-derived-mode sysv-ha-authkeys-mode conf-space-mode "authkeys")
(define-derived-mode sysv-ha-xinetd-mode conf-unix-mode "xinetd")
(define-derived-mode sysv-ha-initscript-mode sh-mode "init.d")
(dolist (entry '(("/inittab\\'" . sysv-ha-inittab-mode)
                 ("/inittab\\.d/[^/]+\\.tab\\'" . sysv-ha-inittab-mode)
                 ("/ha\\.cf\\'" . sysv-ha-hacf-mode)
                 ("/haresources\\'" . sysv-ha-haresources-mode)
                 ("/authkeys\\'" . sysv-ha-authkeys-mode)
                 ("/xinetd\\.conf\\'" . sysv-ha-xinetd-mode)
                 ("/xinetd\\.d/[^/]+\\'" . sysv-ha-xinetd-mode)
                 ("/init\\.d/[^/]+\\'" . sysv-ha-initscript-mode)))
  (add-to-list 'auto-mode-alist entry))
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(((sysv-ha-inittab-mode :language-id "inittab")
                  (sysv-ha-hacf-mode :language-id "ha-cf")
                  (sysv-ha-haresources-mode :language-id "ha-resources")
                  (sysv-ha-authkeys-mode :language-id "ha-authkeys")
                  (sysv-ha-xinetd-mode :language-id "xinetd")
                  (sysv-ha-initscript-mode :language-id "sh"))
                 . ("sysv-ha" "lsp" "--stdio"))))
(dolist (hook '(sysv-ha-inittab-mode-hook sysv-ha-hacf-mode-hook sysv-ha-haresources-mode-hook
                sysv-ha-authkeys-mode-hook sysv-ha-xinetd-mode-hook sysv-ha-initscript-mode-hook))
  (add-hook hook #'eglot-ensure))
