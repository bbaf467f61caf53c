`''|g|''`r=`/
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
#
# a# b
