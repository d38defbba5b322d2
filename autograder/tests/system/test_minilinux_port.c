/*
 * test_minilinux_port.c - lab 5 system tests of minilinux's port (placeholder: the tests
 * come with porttest).
 */
#include "systest.h"

Suite *suite_minilinux_port(void) { return suite_create("minilinux_port"); }
