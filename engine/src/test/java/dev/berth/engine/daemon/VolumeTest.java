package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.Mount;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.image.build.ImportOptions;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.sys.MountTable;
import dev.berth.engine.volume.Volume;
import dev.berth.engine.volume.VolumeInUseException;
import dev.berth.engine.volume.VolumeNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes and mounts through berthd's API with real shims and mounts: named volumes outliving their
 * containers, copy-up from the image, anonymous volumes and {@code rm -v}, the local driver's options,
 * {@code :ro} binds, {@code --mount} rules, tmpfs size, a read-only root filesystem, and refusals.
 * Every test ends with no mount left under its directory.
 */
class VolumeTest {

    @TempDir
    Path dir;

    private Berthd daemon;
    private EngineClient engine;

    @BeforeEach
    void daemonWithImages() throws Exception {
        EngineRoots roots = EngineFixture.rootsWithBusybox(dir);
        // "seeded": busybox with files at /data (owned by nobody, 0640) and /app, an image VOLUME at /data,
        // and /escape, a symlink that climbs above the root towards the host's /etc
        Path rootfs = BusyboxRootfs.create(BusyboxRootfs.DEFAULT_BINARY, dir.resolve("seeded-rootfs"));
        Files.createDirectories(rootfs.resolve("data/sub"));
        Files.writeString(rootfs.resolve("data/seed.txt"), "seed\n");
        Files.writeString(rootfs.resolve("data/sub/deep.txt"), "deep\n");
        Files.setAttribute(rootfs.resolve("data/seed.txt"), "unix:uid", 65534);
        Files.setAttribute(rootfs.resolve("data/seed.txt"), "unix:mode", 0640);
        Files.createDirectories(rootfs.resolve("app"));
        Files.writeString(rootfs.resolve("app/conf.txt"), "conf\n");
        Files.createSymbolicLink(rootfs.resolve("escape"), Path.of("../../../../../../etc"));
        ImageService images = new ImageService(roots, DirectoryLayerStore.under(roots.root(), e -> { }), id -> false, Set.of());
        images.importRootfs(rootfs, ImportOptions.defaults().withChanges(List.of("CMD [\"sh\"]", "VOLUME /data")).withTags("seeded:latest"));
        daemon = Berthd.start(roots, "test");
        engine = new EngineClient(daemon.socket());
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (daemon == null) return;
        for (Container c : engine.list(true, List.of())) engine.remove(c.id(), true, true);
        for (Volume v : engine.volumes(List.of())) engine.removeVolume(v.name(), true);
        daemon.close();
        assertEquals(List.of(), MountTable.mountsUnder(dir), "no mount left");
        EngineFixture.assertNothingLeft(dir);
    }

    /** Runs {@code script} in {@code image} with {@code host}'s mounts to its end; returns its output (exit code checked). */
    private String run(String image, HostConfig host, String script) throws Exception {
        return run(CreateRequest.of(image).withCmd(List.of("sh", "-c", script)).withHostConfig(host), 0);
    }

    private String run(CreateRequest request, int expectedExit) throws Exception {
        String id = engine.create(request);
        var ended = engine.waitAsync(id, WaitCondition.NEXT_EXIT);
        engine.start(id);
        int exit = ended.get().statusCode();
        StringBuilder out = new StringBuilder();
        engine.logs(id, LogOptions.ALL, e -> out.append(e.log()));
        assertEquals(expectedExit, exit, "exit code; output: " + out);
        lastContainer = id;
        return out.toString();
    }

    private String lastContainer;

    private static HostConfig binds(String... binds) {
        return new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, false, List.of(binds),
                null, "none", 0);
    }

    private static HostConfig mounts(Mount... mounts) {
        return new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, false, null, null, "none", 0,
                null, null, null, null, null, null, List.of(mounts), null);
    }

    @Test
    void aNamedVolumeOutlivesItsContainerAndIsRemovedOnlyWhenUnused() throws Exception {
        Volume v = engine.createVolume("data", Map.of(), Map.of("tier", "db"));
        assertEquals(dir.resolve("root/volumes/data/_data").toString(), v.mountpoint());
        run("busybox", binds("data:/v"), "echo kept > /v/file");
        String first = lastContainer;
        engine.remove(first, false);
        assertEquals("kept\n", run("busybox", binds("data:/v"), "cat /v/file"), "a new container sees what the removed one wrote");

        VolumeInUseException inUse = assertThrows(VolumeInUseException.class, () -> engine.removeVolume("data", false));
        assertTrue(inUse.getMessage().contains("volume is in use - [" + lastContainer), inUse.getMessage());
        assertEquals("kept\n", Files.readString(Path.of(v.mountpoint(), "file")), "a refused rm keeps the data");
        assertEquals(List.of("data"), engine.volumes(List.of("dangling=false")).stream().map(Volume::name).toList());

        engine.remove(lastContainer, false);
        engine.removeVolume("data", false);
        assertFalse(Files.exists(dir.resolve("root/volumes/data")), "volume rm removes its data");
        assertThrows(VolumeNotFoundException.class, () -> engine.inspectVolume("data"));
        assertEquals(List.of(), engine.volumes(List.of()));
    }

    @Test
    void aNewVolumeStartsWithTheImagesFilesAndOwners() throws Exception {
        // the image's VOLUME /data: an anonymous volume, filled from the image
        String out = run("seeded", binds("conf:/app"), "stat -c '%u %a' /data/seed.txt; cat /data/seed.txt /data/sub/deep.txt /app/conf.txt");
        assertEquals("65534 640\nseed\ndeep\nconf\n", out);
        Container c = engine.inspect(lastContainer);
        Volume anonymous = engine.inspectVolume(c.mounts().stream().filter(m -> m.destination().equals("/data")).findFirst().orElseThrow().name());
        assertTrue(anonymous.anonymous() && anonymous.labels().containsKey(Volume.ANONYMOUS_LABEL), anonymous.toString());
        assertTrue(Files.exists(Path.of(anonymous.mountpoint(), "seed.txt")));

        // a volume that has data is not filled again; nocopy leaves a new one empty
        Files.writeString(Path.of(engine.inspectVolume("conf").mountpoint(), "conf.txt"), "mine\n");
        assertEquals("mine\n", run("seeded", binds("conf:/app"), "cat /app/conf.txt"));
        assertEquals("", run("seeded", binds("empty:/app:nocopy"), "ls /app"));

        // rm -v: the anonymous volumes go, named ones stay
        String withAnonymous = c.id();
        engine.remove(withAnonymous, false, true);
        assertThrows(VolumeNotFoundException.class, () -> engine.inspectVolume(anonymous.name()));
        assertEquals("conf", engine.inspectVolume("conf").name());
    }

    @Test
    void copyUpFollowsSymlinksInsideTheImageNeverToTheHost() throws Exception {
        // /escape climbs out with ../ — inside the image that ends at its own /etc, as a lookup in the container does
        run("seeded", binds("escaped:/escape"), "true");
        Path data = Path.of(engine.inspectVolume("escaped").mountpoint());
        Set<String> names = new TreeSet<>();
        try (var s = Files.list(data)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        // the image's /etc (and the mount points of berth's own /etc/hosts, /etc/hostname and /etc/resolv.conf, which now land
        // on the volume, as they do with Docker), never the host's
        assertEquals(Set.of("group", "hostname", "hosts", "passwd", "resolv.conf"), names, "the image's /etc, not the host's");
        assertEquals(Files.readString(dir.resolve("seeded-rootfs/etc/passwd")), Files.readString(data.resolve("passwd")));
    }

    @Test
    void readOnlyBindsTmpfsSizeAndAReadOnlyRootfs() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host-dir"));
        Files.writeString(host.resolve("in.txt"), "from the host\n");
        assertEquals("from the host\nrefused\n",
                run("busybox", binds(host + ":/ro:ro"), "cat /ro/in.txt; (echo x > /ro/new) 2>/dev/null && echo written || echo refused"));
        assertFalse(Files.exists(host.resolve("new")));

        // -v makes a missing host directory; --mount refuses it, as Docker does
        Path missing = dir.resolve("made-by-v");
        run("busybox", binds(missing + ":/m"), "echo hi > /m/f");
        assertEquals("hi\n", Files.readString(missing.resolve("f")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> engine.create(
                CreateRequest.of("busybox").withHostConfig(mounts(Mount.bind(dir.resolve("absent").toString(), "/m", false)))));
        assertEquals("invalid mount config for type \"bind\": bind source path does not exist: " + dir.resolve("absent"), refused.getMessage());

        // a 1 MiB tmpfs takes 1 MiB and no more
        String out = run("busybox", mounts(Mount.tmpfs("/t", 1 << 20, 0700)),
                "busybox stat -c '%a' /t; busybox dd if=/dev/zero of=/t/f bs=1024 count=1024 2>/dev/null && echo fits;"
                        + " busybox dd if=/dev/zero of=/t/g bs=1024 count=64 2>/dev/null || echo full");
        assertEquals("700\nfits\nfull\n", out);

        // --read-only: the root refuses writes, the volume and the tmpfs take them
        HostConfig readOnly = new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, true, null, false, false,
                List.of("rw-vol:/v"), Map.of("/scratch", "size=1m"), "none", 0);
        assertEquals("root refused\nv\ns\n", run("busybox", readOnly,
                "touch /x 2>/dev/null && echo root written || echo root refused; echo v > /v/f && cat /v/f; echo s > /scratch/f && cat /scratch/f"));
    }

    @Test
    void localDriverOptionsMountWhileUsedAndBindADevicePath() throws Exception {
        engine.createVolume("scratch", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"), Map.of());
        Path data = Path.of(engine.inspectVolume("scratch").mountpoint());
        String id = engine.create(CreateRequest.of("busybox").withCmd(List.of("sh", "-c", "echo t > /s/f; sleep 600"))
                .withHostConfig(binds("scratch:/s")));
        engine.start(id);
        ContainerLifecycleTest.eventually("the file on the tmpfs", () -> Files.exists(data.resolve("f")));
        assertTrue(MountTable.isMountPoint(data), "mounted while a container uses it");
        engine.stop(id, 0);
        assertFalse(MountTable.isMountPoint(data), "unmounted after the last user ends");
        assertFalse(Files.exists(data.resolve("f")), "a tmpfs volume's data goes with its mount, as with Docker's local driver");

        Path device = Files.createDirectories(dir.resolve("device"));
        engine.createVolume("bound", Map.of("type", "none", "o", "bind", "device", device.toString()), Map.of());
        run("busybox", binds("bound:/b"), "echo via-volume > /b/f");
        assertEquals("via-volume\n", Files.readString(device.resolve("f")));
        assertFalse(MountTable.isMountPoint(Path.of(engine.inspectVolume("bound").mountpoint())));
        assertThrows(IllegalArgumentException.class, () -> engine.createVolume("bad", Map.of("size", "1m"), Map.of()));
    }

    @Test
    void mountsOverTheKernelsFilesystemsAndDuplicatesAreRefusedBeforeAnythingIsMade() throws Exception {
        for (String bind : List.of("v1:/proc", "v2:/proc/sys", "/tmp:/sys", "v3:/", "/tmp:/dev")) {
            assertThrows(IllegalArgumentException.class, () -> engine.create(CreateRequest.of("busybox").withHostConfig(binds(bind))), bind);
        }
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> engine.create(CreateRequest.of("busybox").withHostConfig(binds("a1:/x", "a2:/x/"))));
        assertEquals("Duplicate mount point: /x", dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.create(CreateRequest.of("busybox").withHostConfig(binds("bad/name:/x"))));
        assertEquals(List.of(), engine.volumes(List.of()), "a refused create made no volume");
        assertEquals(List.of(), engine.list(true, List.of()), "nor a container");
        // allowed under /proc as runc allows it: the files lxcfs-like tools replace
        Path uptime = Files.writeString(dir.resolve("uptime"), "1.00 2.00\n");
        assertEquals("1.00 2.00\n", run("busybox", binds(uptime + ":/proc/uptime:ro"), "cat /proc/uptime"));
    }

    @Test
    void pruneRemovesUnusedAnonymousVolumesAndWithAllNamedOnes() throws Exception {
        engine.createVolume("named", Map.of(), Map.of());
        run("busybox", binds("/anon"), "true");
        String user = lastContainer;
        String anonymous = engine.inspect(user).mounts().getFirst().name();
        assertEquals(List.of(), engine.pruneVolumes(false, List.of()), "in use: kept");
        engine.remove(user, false);
        assertEquals(List.of(anonymous), engine.pruneVolumes(false, List.of()));
        assertEquals(List.of("named"), engine.volumes(List.of()).stream().map(Volume::name).toList());
        assertEquals(List.of("named"), engine.pruneVolumes(true, List.of()));
        assertEquals(List.of(), engine.volumes(List.of()));
        List<String> none = new ArrayList<>(engine.pruneVolumes(true, List.of()));
        assertEquals(List.of(), none);
    }
}
