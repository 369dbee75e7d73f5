package ai.adoption.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows kustomization.yaml files the way kustomize does for the parts deploy/k8s uses: {@code resources}
 * entries are files in the kustomization's directory or directories with their own kustomization.yaml. Every
 * entry must exist and stay inside deploy/k8s (kustomize's default load restrictor refuses anything else).
 */
final class Kustomizations {

    private Kustomizations() {
    }

    /** The kustomization files reachable from {@code dir}/kustomization.yaml, that one first. */
    static List<Path> kustomizationFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        walk(dir, dir, out, new ArrayList<>());
        return out;
    }

    /** The manifest files the kustomizations reachable from {@code dir} list, in order. */
    static List<Path> resourceFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        walk(dir, dir, new ArrayList<>(), files);
        return files;
    }

    private static void walk(Path top, Path dir, List<Path> kustomizations, List<Path> files) {
        Path kustomization = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(kustomization)) {
            throw new IllegalStateException(dir + " has no kustomization.yaml");
        }
        kustomizations.add(kustomization);
        Map<String, Object> body = Manifests.parse(kustomization).get(0).body();
        Object resources = body.get("resources");
        if (!(resources instanceof List<?> entries)) {
            throw new IllegalStateException(kustomization + " lists no resources");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Object entry : entries) {
            String name = String.valueOf(entry);
            if (!seen.add(name)) {
                throw new IllegalStateException(kustomization + " lists " + name + " twice");
            }
            Path target = dir.resolve(name).normalize();
            if (!target.startsWith(top)) {
                throw new IllegalStateException(kustomization + " reaches outside deploy/k8s: " + name);
            }
            if (Files.isDirectory(target)) {
                walk(top, target, kustomizations, files);
            } else if (Files.isRegularFile(target)) {
                files.add(target);
            } else {
                throw new IllegalStateException(kustomization + " lists " + name + ", which does not exist");
            }
        }
    }
}
