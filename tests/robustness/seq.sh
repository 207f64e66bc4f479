# shellcheck shell=bash
# seq.sh (bash): sourced by the robustness scripts whose requests are random.
# Every such sequence comes from a seed alone, through a private
# generator (xorshift32, in the shell's 64-bit arithmetic): never from
# $RANDOM, the clock or the agent's answers.  A sequence is written one
# request a line; seq_hash prints the first 16 hex digits of its
# SHA-256, printed next to the seed so that two runs can be compared.

# seq_seed NAME VALUE: VALUE (an environment variable's, or the clock's
# when empty) checked to be a decimal number; prints it.
seq_seed() {
    local s=${2:-$(date +%s)}
    case $s in
    '' | *[!0-9]*)
        echo "$1: the seed must be a decimal number, not '$s'" >&2
        return 1
        ;;
    esac
    echo "$s"
}

# seq_init SEED: the generator's state from SEED alone.
seq_init() {
    SEQ_X=$(((($1 & 0xFFFFFFFF) * 2654435761 + ($1 >> 32) + 1) & 0xFFFFFFFF))
    [ "$SEQ_X" -ne 0 ] || SEQ_X=1
}

# seq_rnd N: SEQ_R, a number in [0, N).  Runs in the caller's shell (no
# subshell) so that the state moves on.
seq_rnd() {
    SEQ_X=$((SEQ_X ^ ((SEQ_X << 13) & 0xFFFFFFFF)))
    SEQ_X=$((SEQ_X ^ (SEQ_X >> 17)))
    SEQ_X=$((SEQ_X ^ ((SEQ_X << 5) & 0xFFFFFFFF)))
    SEQ_R=$((SEQ_X % $1))
}

# seq_hash FILE: the hash of a sequence file.
seq_hash() {
    sha256sum "$1" | cut -c 1-16
}

# load_plan SEED COUNT: the writer of load.sh, COUNT SETs, "NAME memory
# MIB", "NAME pause" or "NAME resume" on the first 50 running domains of
# its node file (g0001, g0003, ... g0099).  A domain is paused only when
# the plan left it running and resumed only when it left it paused, so
# that every SET must succeed.
load_plan() {
    local paused=" " n=0 name
    seq_init "$1"
    while [ $n -lt "$2" ]; do
        seq_rnd 50
        printf -v name 'g%04d' $((2 * SEQ_R + 1))
        seq_rnd 3
        if [ $SEQ_R -eq 0 ]; then
            seq_rnd 32
            echo "$name memory $((33 + SEQ_R))"
        else
            case $paused in
            *" $name "*)
                echo "$name resume"
                paused=${paused% "$name" *}" "${paused#* "$name" }
                ;;
            *)
                echo "$name pause"
                paused="$paused$name "
                ;;
            esac
        fi
        n=$((n + 1))
    done
}

# faults_plan SEED ROUNDS: the kills of faults.sh part 3, per round the
# delay before the SIGKILL ("ROUND kill 0.SSS": even rounds under 100 ms
# from the start, odd rounds under 800 ms from the first state write)
# and the 200 SETs of its storm ("ROUND set MIB", on virtDomainMemory.1).
faults_plan() {
    local r=1 n
    seq_init "$1"
    while [ $r -le "$2" ]; do
        if [ $((r % 2)) -eq 0 ]; then
            seq_rnd 100
            printf '%d kill 0.%03d\n' "$r" "$SEQ_R"
        else
            seq_rnd 800
            printf '%d kill 0.%03d\n' "$r" "$SEQ_R"
        fi
        n=0
        while [ $n -lt 200 ]; do
            seq_rnd 8
            echo "$r set $((57 + SEQ_R))"
            n=$((n + 1))
        done
        r=$((r + 1))
    done
}
