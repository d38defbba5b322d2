#!/bin/sh
# hello.sh - not an ELF file: execve says ENOEXEC, and a POSIX shell then runs it itself.
echo hello from a script
