package dev.mandate.audit.verify;

import dev.mandate.audit.entity.CheckpointView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A witness of signed checkpoints outside the database, like CloudTrail's digest files: an append-only
 * directory with one file per checkpoint, {@code <tenant>/<chain>/<number>.json} (number zero-padded
 * to 12 digits), holding the checkpoint as the export writes it (with its JWS). A file is written once
 * and never replaced; keep the directory where the database's writers cannot reach it (another host, a
 * WORM bucket, a backup that keeps versions).
 *
 * <p>Both verifiers read the latest checkpoint of each chain from it and trust it as far as its
 * signature holds.
 */
public final class WitnessDirectory {

    private static final Pattern FILE = Pattern.compile("(\\d{12})\\.json");

    private WitnessDirectory() {}

    /**
     * Stores the checkpoint's file, unless it is already there with the same content. A different
     * checkpoint under the same number is refused (IOException): a witness never changes its mind.
     */
    public static Path write(Path root, CheckpointView checkpoint) throws IOException {
        Path folder = root.resolve(tenantFolder(checkpoint.tenant())).resolve(Integer.toString(checkpoint.chain()));
        Files.createDirectories(folder);
        Path target = folder.resolve(String.format("%012d.json", checkpoint.number()));
        String content = ExportFormat.checkpoint(checkpoint) + "\n";
        Path temporary = Files.createTempFile(folder, ".witness-", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            // a hard link is created atomically, or not at all when the name is taken
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException taken) {
            if (!Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
                throw new IOException("the witness already holds another checkpoint " + checkpoint.number()
                        + " of chain " + checkpoint.chain());
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    /**
     * The newest witnessed checkpoint of every chain of the tenant, by chain. {@code root} is the witness
     * directory (holding a folder per tenant) or the tenant's own folder. A file that cannot be read
     * counts as an unsigned checkpoint, which no verifier accepts.
     */
    public static Map<Integer, CheckpointView> latest(Path root, String tenant) throws IOException {
        Map<Integer, CheckpointView> latest = new TreeMap<>();
        Path folder = root.resolve(tenantFolder(tenant));
        if (!Files.isDirectory(folder)) {
            return latest;
        }
        try (DirectoryStream<Path> chains = Files.newDirectoryStream(folder)) {
            for (Path chainFolder : chains) {
                String name = chainFolder.getFileName().toString();
                if (!Files.isDirectory(chainFolder) || !name.matches("\\d{1,4}")) {
                    continue;
                }
                int chain = Integer.parseInt(name);
                newest(chainFolder).ifPresent(file -> latest.put(chain, read(file, tenant, chain)));
            }
        }
        return latest;
    }

    private static java.util.Optional<Path> newest(Path chainFolder) throws IOException {
        Path newest = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(chainFolder, "*.json")) {
            for (Path file : files) {
                if (FILE.matcher(file.getFileName().toString()).matches()
                        && (newest == null
                                || file.getFileName()
                                                .toString()
                                                .compareTo(newest.getFileName().toString())
                                        > 0)) {
                    newest = file;
                }
            }
        }
        return java.util.Optional.ofNullable(newest);
    }

    private static CheckpointView read(Path file, String tenant, int chain) {
        try {
            return ExportFormat.checkpoint(
                    Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | ParseException | RuntimeException unreadable) {
            Matcher number = FILE.matcher(file.getFileName().toString());
            number.matches();
            return new CheckpointView(
                    tenant, chain, Long.parseLong(number.group(1)), 0, null, null, null, null, null, null);
        }
    }

    /** Tenant ids are {@code [a-z0-9][a-z0-9-]*}; anything else is escaped, so no name leaves the root. */
    static String tenantFolder(String tenant) {
        StringBuilder folder = new StringBuilder();
        for (char c : tenant.toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
                folder.append(c);
            } else {
                folder.append('_').append(String.format("%04x", (int) c));
            }
        }
        return folder.isEmpty() ? "_" : folder.toString();
    }
}
