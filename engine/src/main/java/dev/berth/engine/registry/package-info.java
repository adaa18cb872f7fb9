/**
 * A client for the OCI distribution API v2 (Docker's registry API), on the JDK's HttpClient.
 *
 * <ul>
 *   <li>{@link dev.berth.engine.registry.RegistryClient}: one registry; {@code fetchManifest},
 *       {@code pull} into a {@link dev.berth.engine.image.store.BlobStore}, {@code push} from one,
 *       {@code ping}, {@code verifyCredentials} (for {@code berth login}).</li>
 *   <li>Auth as Docker does it: the {@code /v2/} ping's {@code WWW-Authenticate} challenge decides
 *       between Basic and Bearer (a token per {@code repository:NAME:pull[,push]} scope from the
 *       challenge's realm, anonymous or with the credentials).</li>
 *   <li>{@link dev.berth.engine.registry.CredentialStore}: saved logins, Docker's
 *       {@code config.json} shape, mode 0600.</li>
 *   <li>Plain HTTP only for 127.0.0.1, localhost and ::1 unless a registry is listed as insecure.</li>
 *   <li>Progress as {@link dev.berth.engine.registry.ProgressEvent}s to a
 *       {@link dev.berth.engine.registry.ProgressListener}; failures as
 *       {@link dev.berth.engine.image.ImageException} subclasses whose messages say what to do.</li>
 * </ul>
 *
 * Depends only on {@code dev.berth.engine.image} (names, digests, descriptors) and its blob store:
 * adding a pulled image to the image store is the caller's step.
 */
package dev.berth.engine.registry;
