package ai.adoption.eventsourcing.web;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each resource path answers, read once from the JAX-RS resource beans, so that a 405
 * carries the {@code Allow} header RFC 9110 requires (RESTEasy Reactive leaves it out).
 */
final class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /** e.g. {@code GET, POST}; empty when nothing is known about the path. */
    static String allow(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        return String.join(", ", methods);
    }

    private static List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        try {
            for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String verb = verb(method);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String template = join(root.value(), sub == null ? "" : sub.value());
                    found.add(new Route(toPattern(template), verb));
                    if (verb.equals("GET")) {
                        found.add(new Route(toPattern(template), "HEAD"));
                    }
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return List.copyOf(found);
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Pattern toPattern(String template) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                regex.append("[^/]+");
                i = end + 1;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex + "/?");
    }
}
