# The relay proposal's selftest: every vmbus bring-up scenario ends as predicted.
source .ci/lib.sh
nvbench scenario
