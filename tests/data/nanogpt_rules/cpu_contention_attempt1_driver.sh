#!/bin/bash
# start training; when iteration 80 is logged, start two CPU-bound busy loops
# (one per core) until training ends; then stop them by their PIDs.
cd /tmp/nanogpt
LOG=/tmp/capdiag_rules/throughput.log
date -u +%FT%TZ > /tmp/capdiag_rules/throughput.start
python train.py config/capdiag_rules_throughput.py > $LOG 2>&1 &
TRAIN=$!
while kill -0 $TRAIN 2>/dev/null && ! grep -q "^iter 80:" $LOG; do sleep 0.2; done
python -c "while True: pass" & B1=$!
python -c "while True: pass" & B2=$!
date -u +%FT%TZ > /tmp/capdiag_rules/throughput.burner_start
wait $TRAIN
kill $B1 $B2
date -u +%FT%TZ > /tmp/capdiag_rules/throughput.end
