package dev.confiture.runner.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * {@code -Dconfiture.targets} and {@code -Dconfiture.shard}: which targets of a fleet one run acts on.
 */
public final class FleetSelection {

    private FleetSelection() {
    }

    /**
     * The targets some pattern of {@code targets} matches (all when blank). A pattern is a name or a glob
     * ({@code *}, {@code ?}); it matches a target's name, or its database's name (all its tenants). A
     * pattern that matches nothing is an error: a typo must not quietly select fewer targets.
     */
    public static List<FleetTarget> select(List<FleetTarget> all, String targets) {
        if (targets == null || targets.isBlank()) {
            return all;
        }
        List<FleetTarget> out = new ArrayList<>();
        for (String text : targets.split(",")) {
            if (text.isBlank()) {
                continue;
            }
            Pattern p = glob(text.strip());
            boolean any = false;
            for (FleetTarget t : all) {
                if (p.matcher(t.name()).matches() || p.matcher(t.databaseName()).matches()) {
                    any = true;
                    if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
            if (!any) {
                throw new ConfitureException("FLEET_TARGET_UNKNOWN", "-Dconfiture.targets names '" + text.strip()
                        + "', which matches no target. Targets: " + String.join(", ", all.stream().map(FleetTarget::name).toList()) + ".");
            }
        }
        return all.stream().filter(out::contains).toList();
    }

    /**
     * The K-th of N stable slices ({@code -Dconfiture.shard=K/N}, K from 1): a target belongs to the slice
     * its name's hash falls in, so every machine of a CI matrix agrees without talking to the others.
     */
    public static List<FleetTarget> shard(List<FleetTarget> targets, String shard) {
        if (shard == null || shard.isBlank()) {
            return targets;
        }
        String[] parts = shard.strip().split("/");
        int k;
        int n;
        try {
            k = Integer.parseInt(parts[0].strip());
            n = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : -1;
        } catch (NumberFormatException e) {
            k = -1;
            n = -1;
        }
        if (n < 1 || k < 1 || k > n) {
            throw new ConfitureException("FLEET_SHARD_INVALID", "-Dconfiture.shard must be K/N with 1 <= K <= N, e.g. 2/4,"
                    + " found '" + shard + "'.");
        }
        int slice = k - 1;
        int slices = n;
        return targets.stream().filter(t -> sliceOf(t.name(), slices) == slice).toList();
    }

    /**
     * The first 8 bytes of the name's SHA-256, modulo n. Not a CRC: a CRC is linear, so names that differ
     * alike ({@code eu/tenant_a}, {@code us/tenant_b}) can all land in one slice, which they did.
     */
    static int sliceOf(String name, int n) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return (int) Math.floorMod(h, (long) n);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (char c : p.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
