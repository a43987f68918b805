#!/bin/bash
# start training; when iteration 80 is logged, start four CPU-bound busy loops
# (two per core) until training ends; then stop them by their PIDs.
cd /tmp/nanogpt
LOG=/tmp/capdiag_rules/throughput2.log
date -u +%FT%TZ > /tmp/capdiag_rules/throughput2.start
python train.py config/capdiag_rules_throughput.py > $LOG 2>&1 &
TRAIN=$!
while kill -0 $TRAIN 2>/dev/null && ! grep -q "^iter 80:" $LOG; do sleep 0.2; done
python -c "while True: pass" & B1=$!
python -c "while True: pass" & B2=$!
python -c "while True: pass" & B3=$!
python -c "while True: pass" & B4=$!
date -u +%FT%TZ > /tmp/capdiag_rules/throughput2.burner_start
wait $TRAIN
kill $B1 $B2 $B3 $B4
date -u +%FT%TZ > /tmp/capdiag_rules/throughput2.end
