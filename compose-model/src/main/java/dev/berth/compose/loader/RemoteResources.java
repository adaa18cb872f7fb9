package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import java.util.regex.Pattern;

/**
 * Recognizes references to remote resources ({@code oci://…}, git URLs, other {@code scheme:}
 * references) in {@code extends.file} and {@code include}: compose can fetch those, berth does
 * not yet, and says so instead of reporting a missing local file.
 */
final class RemoteResources {

    /** A URL-like scheme of two or more characters (so a Windows drive {@code C:} is not one). */
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:");

    private RemoteResources() {
    }

    static boolean isRemote(String reference) {
        return SCHEME.matcher(reference).find() || reference.startsWith("git@") || reference.startsWith("github.com/");
    }

    static void rejectRemote(String reference, KeyPath path) {
        if (isRemote(reference)) {
            throw new ComposeException(null, path, "remote resource " + reference
                    + " is not supported: berth loads Compose files from the local filesystem only");
        }
    }
}
