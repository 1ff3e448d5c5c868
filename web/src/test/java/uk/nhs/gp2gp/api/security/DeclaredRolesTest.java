package uk.nhs.gp2gp.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.api.ApiApplication;
import uk.nhs.gp2gp.report.PaperFallbacks;
import uk.nhs.gp2gp.security.ApiClients;
import uk.nhs.gp2gp.security.ConsoleUsers;
import uk.nhs.gp2gp.security.Role;
import uk.nhs.gp2gp.suspension.RegistrationEvents;
import uk.nhs.gp2gp.transfer.TransferActions;
import uk.nhs.gp2gp.transfer.Transfers;

/**
 * Who may call what is declared with {@code @RolesAllowed}/{@code @PermitAll}, and the container
 * enforces it: Jersey on the resources, the EJB container on the session beans. The beans check
 * their callers even when a call skips the resources (another page, a new resource, a test), so
 * every public method of every session bean the web layer uses must say who may call it, and no
 * bean method of the API's or the console's may be called by a role that its users do not have.
 */
class DeclaredRolesTest {

    @Test
    void everyResourceMethodSaysWhoMayCallIt() throws Exception {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> resource : webClasses()) {
            if (resource.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                for (Method method : resource.getDeclaredMethods()) {
                    if (Modifier.isPublic(method.getModifiers()) && isResourceMethod(method)
                            && declaration(method).isEmpty()) {
                        undeclared.add(resource.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), undeclared, "resource methods with no @RolesAllowed or @PermitAll");
    }

    @Test
    void everyBusinessMethodOfABeanTheWebLayerUsesSaysWhoMayCallIt() throws Exception {
        Set<Class<?>> beans = beansUsedByTheWebLayer();
        assertTrue(beans.contains(Transfers.class) && beans.contains(ConsoleUsers.class), "found: " + beans);
        List<String> undeclared = new ArrayList<>();
        for (Class<?> bean : beans) {
            for (Method method : bean.getDeclaredMethods()) {
                if (isBusinessMethod(method) && declaration(method).isEmpty()) {
                    undeclared.add(bean.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(List.of(), undeclared, "public bean methods with no @RolesAllowed or @PermitAll");
    }

    @Test
    void aCallerWithoutTheRoleIsRefusedByTheBeanItself() throws Exception {
        // A practice's key changes nothing about people, keys or the console's operations.
        assertRefused("PRACTICE", ConsoleUsers.class.getMethod("save", String.class, String.class, char[].class,
                Set.class, boolean.class));
        assertRefused("PRACTICE", ApiClients.class.getMethod("create", String.class, Set.class, Set.class,
                Integer.class));
        assertRefused("PRACTICE", TransferActions.class.getMethod("retry", String.class, String.class));
        assertRefused("REPOSITORY", Transfers.class.getMethod("request", uk.nhs.gp2gp.identifier.NhsNumber.class,
                uk.nhs.gp2gp.identifier.OdsCode.class, uk.nhs.gp2gp.identifier.OdsCode.class));
        assertRefused("PRACTICE", businessMethod(RegistrationEvents.class, "receive"));
        // An auditor reads; an operator acts; neither administers.
        assertRefused("AUDITOR", TransferActions.class.getMethod("cancel", String.class,
                uk.nhs.gp2gp.transfer.TransferRole.class, String.class, String.class));
        assertRefused("AUDITOR", businessMethod(PaperFallbacks.class, "markDone"));
        assertRefused("OPERATOR", ApiClients.class.getMethod("revoke", long.class));
        assertAllowed("ADMIN", TransferActions.class.getMethod("retry", String.class, String.class));
        assertAllowed("OPERATOR", TransferActions.class.getMethod("retry", String.class, String.class));
        // Checking a key or a password comes before there is a caller.
        assertAllowed(null, ApiClients.class.getMethod("authenticate", String.class));
        assertAllowed(null, businessMethod(ConsoleUsers.class, "signIn"));
    }

    @Test
    void webXmlDeclaresEveryRoleSoThatTheContainerGrantsIt() throws IOException {
        String webXml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        for (Role role : Role.values()) {
            assertTrue(webXml.contains("<security-role><role-name>" + role + "</role-name></security-role>"),
                    role + " is declared");
        }
    }

    @Test
    void jerseyChecksRolesAllowedOnTheResources() {
        assertEquals("org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature",
                new ApiApplication().getProperties().get("jersey.config.server.provider.classnames"));
    }

    private static void assertRefused(String role, Method method) {
        assertFalse(allows(method, role), role + " may not call " + method.getName());
    }

    private static void assertAllowed(String role, Method method) {
        assertTrue(allows(method, role), (role == null ? "anyone" : role) + " may call " + method.getName());
    }

    /** As the container decides: the method's own declaration, else its class's; null is no caller at all. */
    private static boolean allows(Method method, String role) {
        return declaration(method).map(declared -> declared instanceof PermitAll
                || declared instanceof RolesAllowed allowed && role != null
                && Arrays.asList(allowed.value()).contains(role)).orElse(true);
    }

    private static Optional<java.lang.annotation.Annotation> declaration(Method method) {
        for (var on : List.of(method, method.getDeclaringClass())) {
            for (var kind : List.of(RolesAllowed.class, PermitAll.class, DenyAll.class)) {
                if (on.isAnnotationPresent(kind)) {
                    return Optional.of(on.getAnnotation(kind));
                }
            }
        }
        return Optional.empty();
    }

    private static Method businessMethod(Class<?> bean, String name) {
        return Arrays.stream(bean.getDeclaredMethods()).filter(m -> m.getName().equals(name) && isBusinessMethod(m))
                .findFirst().orElseThrow();
    }

    private static boolean isBusinessMethod(Method method) {
        int modifiers = method.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isSynthetic();
    }

    private static boolean isResourceMethod(Method method) {
        return Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType()
                .isAnnotationPresent(jakarta.ws.rs.HttpMethod.class) || a instanceof jakarta.ws.rs.Path);
    }

    /** The session beans that a class of the web module injects. */
    private static Set<Class<?>> beansUsedByTheWebLayer() throws Exception {
        Set<Class<?>> beans = new TreeSet<>(Comparator.comparing(Class::getName));
        for (Class<?> web : webClasses()) {
            for (Field field : web.getDeclaredFields()) {
                Class<?> type = field.getType();
                if ((field.isAnnotationPresent(EJB.class) || field.isAnnotationPresent(Inject.class))
                        && (type.isAnnotationPresent(Stateless.class) || type.isAnnotationPresent(Singleton.class))) {
                    beans.add(type);
                }
            }
        }
        return beans;
    }

    /** Every class compiled from the web module's main sources. */
    private static List<Class<?>> webClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApiApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                    root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        for (String name : names) {
            classes.add(Class.forName(name, false, DeclaredRolesTest.class.getClassLoader()));
        }
        return classes;
    }
}
