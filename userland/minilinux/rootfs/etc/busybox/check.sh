# bbcheck.sh - BusyBox applets and ash at work (run by the busybox system test, and by
# qemu-arm's BusyBox for comparison: the output must be the same).
cd /tmp && rm -rf bbcheck && mkdir bbcheck && cd bbcheck
greet() { echo "hello, $1"; }
for who in ash applets; do greet "$who"; done
n=0; while [ $n -lt 3 ]; do n=$((n + 1)); done; echo "counted to $n"
printf '%s=%d\n' answer 42 > f.txt
printf 'banana\napple\ncherry\napple\n' > fruit
echo "$(wc -l < fruit) lines, $(sort fruit | uniq | wc -l) kinds"
sort fruit | uniq -c | sed 's/^ *//'
grep -n an fruit; grep -c apple fruit
sed -e 's/a/A/g' fruit | head -n 2
awk '{ total += length($0) } END { print "chars:", total }' fruit
cut -c1-3 fruit | tr a-z A-Z | tail -n 2
seq 1 5 | xargs echo; expr 6 \* 7
mkdir -p d/e && touch d/e/x && cp f.txt d/ && mv d/f.txt d/g.txt; ls d
find . -name '*.txt' | sort
stat -c '%s %n' f.txt
md5sum f.txt; sha256sum f.txt
tar cf a.tar f.txt fruit && rm f.txt && tar xf a.tar && cat f.txt
gzip -c fruit > fruit.gz && gzip -dc fruit.gz | md5sum
env | grep -c '^PATH='
date -u -d @0 '+%Y-%m-%d'
sleep 0; kill -0 $$ && echo "kill -0 ok"
rm -r d && ls
echo done
