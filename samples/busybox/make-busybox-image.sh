#!/usr/bin/env bash
# Makes the offline base image busybox:latest from Debian's busybox-static, with berth's own
# image import (no registry, no Docker): a root filesystem of /bin/busybox and one symlink per
# applet, imported as a one-layer image whose default command is sh.
#   usage: samples/busybox/make-busybox-image.sh [IMAGE]      (default busybox:latest)
# Needs: apt-get install busybox-static
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
image=${1:-busybox:latest}
busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' && ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed'; then
    echo "make-busybox-image: needs a static busybox: apt-get install busybox-static" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/tmp" "$work/rootfs/root" "$work/rootfs/proc" \
         "$work/rootfs/sys" "$work/rootfs/dev" "$work/rootfs/var/www"
chmod 1777 "$work/rootfs/tmp"
cp "$busybox" "$work/rootfs/bin/busybox"
for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$work/rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$work/rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$work/rootfs/etc/group"
tar -C "$work/rootfs" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .
"$root/berth" image import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["sh"]' \
    --message "busybox $("$busybox" | head -1 | awk '{print $2}') from Debian busybox-static" \
    "$work/rootfs.tar" "$image"
