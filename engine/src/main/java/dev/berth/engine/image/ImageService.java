package dev.berth.engine.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.image.archive.ArchiveFormat;
import dev.berth.engine.image.archive.ArchivedImage;
import dev.berth.engine.image.archive.ImageArchiveReader;
import dev.berth.engine.image.archive.ImageArchiveWriter;
import dev.berth.engine.image.build.ImportOptions;
import dev.berth.engine.image.build.RootfsImporter;
import dev.berth.engine.image.layer.LayerStore;
import dev.berth.engine.image.store.HistoryRow;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.image.store.ImageNotFoundException;
import dev.berth.engine.image.store.ImageRemoval;
import dev.berth.engine.image.store.ImageStore;
import dev.berth.engine.image.store.InspectView;
import dev.berth.engine.registry.CredentialStore;
import dev.berth.engine.registry.Credentials;
import dev.berth.engine.registry.ProgressListener;
import dev.berth.engine.registry.PulledImage;
import dev.berth.engine.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The image half of the engine API, in process: everything {@code berth image …}, {@code pull},
 * {@code push} and {@code login} do, over one {@link ImageStore} under {@link EngineRoots#images()}.
 */
public final class ImageService {

    private final EngineRoots roots;
    private final ImageStore store;
    private final CredentialStore credentials;
    private final Set<String> insecureRegistries;

    public ImageService(EngineRoots roots, LayerStore layers, Predicate<Digest> inUse, Set<String> insecureRegistries)
            throws IOException {
        this.roots = roots;
        this.store = new ImageStore(roots.images(), layers, inUse);
        this.credentials = new CredentialStore(roots.credentials());
        this.insecureRegistries = Set.copyOf(insecureRegistries);
    }

    public ImageStore store() {
        return store;
    }

    /** {@code berth image import}: a root filesystem (tar, tar.gz or directory) as a one-layer image. */
    public Image importRootfs(Path source, ImportOptions options) throws IOException {
        return new RootfsImporter(store).importRootfs(source, options);
    }

    /** {@code berth image load}: every image of a docker-save or OCI archive (or OCI layout directory). */
    public List<LoadedImage> load(Path archiveOrLayout) throws IOException {
        return add(reader().read(archiveOrLayout));
    }

    public List<LoadedImage> load(InputStream archive, String source) throws IOException {
        return add(reader().read(archive, source));
    }

    /** An image an archive brought, with the names it was tagged with (empty: known by ID only). */
    public record LoadedImage(Image image, List<String> names) {
    }

    private ImageArchiveReader reader() throws IOException {
        return new ImageArchiveReader(store.blobs(), store.workDir());
    }

    private List<LoadedImage> add(List<ArchivedImage> archived) throws IOException {
        List<LoadedImage> out = new ArrayList<>();
        for (ArchivedImage a : archived) {
            Image image = store.add(a.manifest(), a.manifestMediaType());
            List<String> names = new ArrayList<>();
            for (String tag : a.repoTags()) {
                image = store.tag(image.id().toString(), tag);
                names.add(ImageReference.parse(tag).familiarTagged());
            }
            out.add(new LoadedImage(image, names));
        }
        return out;
    }

    /** {@code berth image save}: the named images in one archive; names given as tags are kept as tags. */
    public void save(List<String> references, ArchiveFormat format, OutputStream out) throws IOException {
        List<ArchivedImage> images = new ArrayList<>();
        for (String ref : references) {
            Image image = require(ref);
            List<String> tags = isName(ref, image) ? List.of(ImageReference.parse(ref).familiarTagged()) : List.of();
            byte[] manifest;
            byte[] config;
            try (InputStream m = store.blobs().open(image.manifestDigest());
                 InputStream c = store.blobs().open(image.id())) {
                manifest = m.readAllBytes();
                config = c.readAllBytes();
            }
            images.add(ArchivedImage.of(tags, manifest, image.manifestMediaType(), config));
        }
        new ImageArchiveWriter(store.blobs()).write(format, images, out);
    }

    private static boolean isName(String ref, Image image) {
        if (ref.startsWith("sha256:") || image.id().hex().startsWith(ref)) return false;
        try {
            ImageReference r = ImageReference.parse(ref);
            return r.tag() != null && r.digest() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public List<Image> list() throws IOException {
        return store.list();
    }

    /** {@code berth image inspect}: the {@code docker image inspect} array. */
    public ArrayNode inspect(List<String> references) throws IOException {
        List<Image> images = new ArrayList<>();
        for (String ref : references) images.add(require(ref));
        return InspectView.of(images, store.layers());
    }

    public List<HistoryRow> history(String reference) throws IOException {
        return HistoryRow.of(require(reference));
    }

    public Image tag(String source, String target) throws IOException {
        return store.tag(source, target);
    }

    public ImageRemoval remove(String reference, boolean force) throws IOException {
        return store.remove(reference, force);
    }

    public ImageRemoval prune(boolean all) throws IOException {
        return store.prune(all);
    }

    /** {@code berth pull}: downloads the image (linux/amd64) and tags it with the name pulled. */
    public Image pull(String name, ProgressListener progress) throws IOException {
        ImageReference ref = ImageReference.parse(name);
        try (RegistryClient client = client(ref.registry())) {
            PulledImage pulled = client.pull(ref, store.blobs(), progress);
            Image image = store.add(pulled.manifest().bytes(), pulled.manifest().mediaType());
            Digest repoDigest = pulled.index() != null ? pulled.index().digest() : pulled.manifest().digest();
            store.recordRepoDigest(image.id(), new ImageReference(ref.registry(), ref.repository(), null, repoDigest));
            if (ref.tag() != null) image = store.tag(image.id().toString(), ref.withTag(ref.tag()).toString());
            return store.resolve(image.id().toString()).orElse(image);
        }
    }

    /** {@code berth push}: uploads a local image to the registry its name points at; returns the manifest digest. */
    public Digest push(String name, ProgressListener progress) throws IOException {
        ImageReference ref = ImageReference.parse(name);
        Image image = require(name);
        byte[] manifest;
        try (InputStream m = store.blobs().open(image.manifestDigest())) {
            manifest = m.readAllBytes();
        }
        try (RegistryClient client = client(ref.registry())) {
            Digest digest = client.push(ref, manifest, image.manifestMediaType(), store.blobs());
            store.recordRepoDigest(image.id(), new ImageReference(ref.registry(), ref.repository(), null, digest));
            return digest;
        }
    }

    /** {@code berth login}: checks the credentials against the registry, then keeps them (0600). */
    public void login(String registry, Credentials creds) throws IOException {
        try (RegistryClient client = RegistryClient.builder(registry).credentials(creds)
                .insecureRegistries(insecureRegistries).build()) {
            client.verifyCredentials();
        }
        credentials.save(registry, creds);
    }

    /** {@code berth logout}: forgets the credentials; false when there were none. */
    public boolean logout(String registry) {
        return credentials.remove(registry);
    }

    private RegistryClient client(String registry) {
        RegistryClient.Builder b = RegistryClient.builder(registry).insecureRegistries(insecureRegistries);
        credentials.get(registry).ifPresent(b::credentials);
        return b.build();
    }

    private Image require(String reference) throws IOException {
        return store.resolve(reference).orElseThrow(() -> new ImageNotFoundException(reference));
    }

    public EngineRoots roots() {
        return roots;
    }
}
