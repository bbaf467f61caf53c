#!/bin/sh
# chkconfig: 2345 10 90
# description: x