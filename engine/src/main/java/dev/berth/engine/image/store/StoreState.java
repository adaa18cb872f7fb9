package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the image store records besides blobs: tags (full reference → manifest digest) and
 * images by ID. Immutable: every change makes a new state, written whole and swapped in.
 */
record StoreState(int version, SortedMap<String, Digest> tags, SortedMap<Digest, Entry> images) {

    static final int VERSION = 1;

    static StoreState empty() {
        return new StoreState(VERSION, new TreeMap<>(), new TreeMap<>());
    }

    StoreState {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
        images = Collections.unmodifiableSortedMap(new TreeMap<>(images == null ? Map.of() : images));
    }

    /**
     * @param manifests   the manifests this config was added with, first one first
     * @param repoDigests full names, {@code docker.io/library/busybox@sha256:…}
     */
    record Entry(List<ManifestRef> manifests, List<Long> layerSizes, List<String> repoDigests, String added,
                 String lastTagTime) {

        Entry {
            manifests = List.copyOf(manifests);
            layerSizes = List.copyOf(layerSizes);
            repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        }

        boolean hasManifest(Digest digest) {
            return manifests.stream().anyMatch(m -> m.digest().equals(digest));
        }

        Entry withManifest(ManifestRef ref) {
            if (hasManifest(ref.digest())) return this;
            List<ManifestRef> more = new ArrayList<>(manifests);
            more.add(ref);
            return new Entry(more, layerSizes, repoDigests, added, lastTagTime);
        }

        Entry withRepoDigests(List<String> digests) {
            return new Entry(manifests, layerSizes, digests.stream().distinct().sorted().toList(), added, lastTagTime);
        }

        Entry withLastTagTime(String time) {
            return new Entry(manifests, layerSizes, repoDigests, added, time);
        }
    }

    record ManifestRef(Digest digest, String mediaType) {
    }

    /** The image whose manifests include {@code manifest}, or null. */
    Digest imageOfManifest(Digest manifest) {
        for (Map.Entry<Digest, Entry> e : images.entrySet()) {
            if (e.getValue().hasManifest(manifest)) return e.getKey();
        }
        return null;
    }

    /** Full tag references pointing at any manifest of {@code id}. */
    List<String> tagsOf(Digest id) {
        Entry entry = images.get(id);
        if (entry == null) return List.of();
        return tags.entrySet().stream().filter(t -> entry.hasManifest(t.getValue())).map(Map.Entry::getKey).toList();
    }

    StoreState withImage(Digest id, Entry entry) {
        TreeMap<Digest, Entry> next = new TreeMap<>(images);
        next.put(id, entry);
        return new StoreState(version, tags, next);
    }

    StoreState withoutImage(Digest id) {
        Entry entry = images.get(id);
        TreeMap<Digest, Entry> next = new TreeMap<>(images);
        next.remove(id);
        TreeMap<String, Digest> nextTags = new TreeMap<>(tags);
        if (entry != null) nextTags.values().removeIf(entry::hasManifest);
        return new StoreState(version, nextTags, next);
    }

    StoreState withTag(String reference, Digest manifest) {
        TreeMap<String, Digest> next = new TreeMap<>(tags);
        next.put(reference, manifest);
        return new StoreState(version, next, images);
    }

    StoreState withoutTag(String reference) {
        TreeMap<String, Digest> next = new TreeMap<>(tags);
        next.remove(reference);
        return new StoreState(version, next, images);
    }
}
