# Run by perl directly and through ldso (tests/host): XS modules POSIX and
# List::Util (dlopen'ed by DynaLoader), deterministic output only.
use strict;
use warnings;
use POSIX qw(floor ceil fmod strftime INT_MAX);
use List::Util qw(sum max min first reduce shuffle);
use Scalar::Util qw(blessed reftype looks_like_number);

print "floor: ", floor(-3.5), " ", floor(2.7), " ceil: ", ceil(-3.5), "\n";
print "fmod: ", fmod(10, 3), " INT_MAX: ", INT_MAX, "\n";
print "strftime: ", strftime("%Y-%m-%d %H:%M:%S %j %a", gmtime(1234567890)), "\n";
print "strftime local (TZ=UTC): ", strftime("%A %B %d %Y %H:%M", localtime(86400 * 365)), "\n";
my @n = (3, 9, -2, 17, 4);
print "sum: ", sum(@n), " max: ", max(@n), " min: ", min(@n), "\n";
print "first > 5: ", first { $_ > 5 } @n;
print "\n";
print "reduce product: ", (reduce { $a * $b } @n), "\n";
print "blessed: ", blessed(bless {}, 'Foo'), " reftype: ", reftype([]), " number: ",
  (looks_like_number("1e5") ? 1 : 0), "\n";
my %h = map { $_ => length $_ } qw(alpha beta gamma delta);
print join(",", map { "$_=$h{$_}" } sort keys %h), "\n";
my $s = "The quick brown fox";
(my $t = $s) =~ s/(\w+)/\u\L$1/g;
print "regex: $t ", scalar(() = $s =~ /o/g), "\n";
printf "sprintf: %05.2f %x %o %e\n", 3.14159, 255, 8, 12345.678;
print "POSIX::uname sysname: ", (POSIX::uname())[0], "\n";
