package dev.berth.engine.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxSyscallsTest {

    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    @Test
    void failuresNameTheCallThePathAndTheErrno() {
        Path missing = tmp.resolve("missing");
        SyscallException e = assertThrows(SyscallException.class, () -> sys.lchown(missing, 0, 0));
        assertEquals("lchown(" + missing + "): ENOENT (No such file or directory)", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("lchown", e.call());
        assertEquals(missing.toString(), e.path());
        assertEquals("errno 4242 (Unknown error 4242)", Errno.describe(4242));
    }

    @Test
    void umountOfSomethingNotMountedIsEinval() {
        SyscallException e = assertThrows(SyscallException.class, () -> sys.umount2(tmp, Syscalls.MNT_DETACH));
        // EINVAL as root (not a mount point), EPERM otherwise: either way the call and path are named
        assertTrue(e.errno() == Errno.EINVAL || e.errno() == Errno.EPERM, e.getMessage());
        assertTrue(e.getMessage().startsWith("umount2(" + tmp + "): "), e.getMessage());
    }

    @Test
    void xattrsRoundTripAndAMissingOneIsEmpty() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(Optional.empty(), sys.lgetxattr(f, "user.berth"));
        byte[] binary = {0, 1, (byte) 0xff, 'y'};
        sys.lsetxattr(f, "user.berth", binary);
        assertArrayEquals(binary, sys.lgetxattr(f, "user.berth").orElseThrow());
    }

    @Test
    void fifoAndTimesOnASymlinkItself() throws IOException {
        Path fifo = tmp.resolve("fifo");
        sys.mknod(fifo, Syscalls.S_IFIFO | 0600, 0, 0);
        assertEquals(Syscalls.S_IFIFO, sys.lstat(fifo).mode() & 0170000);

        Path target = Files.writeString(tmp.resolve("target"), "t");
        FileTime targetTime = Files.getLastModifiedTime(target);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        sys.lutimes(link, 1_000_000_000L, 500);
        assertEquals(FileTime.from(Instant.ofEpochSecond(1_000_000_000L, 500)),
                Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals(targetTime, Files.getLastModifiedTime(target), "the target is untouched");
    }

    @Test
    void lstatTellsSizeBlocksAndLinks() throws IOException {
        Path f = Files.write(tmp.resolve("f"), new byte[100_000]);
        Files.createLink(tmp.resolve("g"), f);
        Syscalls.FileStat st = sys.lstat(f);
        assertEquals(100_000, st.size());
        assertEquals(2, st.nlink());
        assertEquals(Files.getAttribute(f, "unix:ino"), st.ino());
        assertTrue(st.allocatedBytes() >= 100_000, "allocated " + st.allocatedBytes());
        Path link = Files.createSymbolicLink(tmp.resolve("l"), f);
        assertEquals(0120000, sys.lstat(link).mode() & 0170000, "the link itself");
    }

    @Test
    void deviceNumbersAreEncodedAsTheKernelDecodesThem() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "skipped: mknod of a device needs root");
        Path dev = tmp.resolve("dev");
        sys.mknod(dev, Syscalls.S_IFBLK | 0600, 0xabc, 0x12345); // the kernel keeps 12 bits of major, 20 of minor
        Process stat = new ProcessBuilder("stat", "--format=%Hr %Lr %F", dev.toString()).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, stat.waitFor());
        assertEquals(0xabc + " " + 0x12345 + " block special file", out);
        assertEquals(0x103L, LinuxSyscalls.makedev(1, 3));
    }

    @Test
    void mountTableReadsEscapedMountPoints() {
        assertEquals("/a b\\c", MountTable.unescape("/a\\040b\\134c"));
        assertTrue(MountTable.read().stream().anyMatch(m -> m.mountPoint().equals(Path.of("/"))));
    }
}
