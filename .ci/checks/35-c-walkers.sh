# The C reference walkers (bench/native/, libnvwalk) that the C# walker is timed and counted
# against: with a C compiler they must have been built with nvbench, and each must pass its
# self test (planted faults, then agreement with the C# walker over the whole stream) before
# 'nvbench drive' walks with it. Without a compiler the benchmarks skip them; so does this.
source .ci/lib.sh
if ! command -v cc >/dev/null; then
    echo "skipped: no C compiler (cc); the C cases are skipped by run and icount too"
    exit 0
fi
for id in walk.ept.1d.4l.c walk.npt.1d.4l.c walk.ept.2d.4x4.c walk.npt.2d.4x4.c; do
    nvbench drive "$id" 4096
done
