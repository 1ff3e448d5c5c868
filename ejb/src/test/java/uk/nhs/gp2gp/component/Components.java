package uk.nhs.gp2gp.component;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Qualifier;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.naming.Context;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import uk.nhs.gp2gp.database.TestDatabase;
import uk.nhs.gp2gp.transfer.RequesterSide;
import uk.nhs.gp2gp.transfer.Transfer;

/**
 * The real session and CDI beans of the ejb module, assembled around a migrated database without an
 * application server, so that a workflow rule is proven in seconds. The database is a fresh in-memory
 * H2 in PostgreSQL mode, or the PostgreSQL named by {@code gp2gp.test.db.url} (emptied first).
 *
 * <p>Beans are wired by reflection, never by hand: every field annotated {@code @Inject}, {@code @EJB},
 * {@code @PersistenceContext}, {@code @Resource} or {@code @ConfigProperty} gets a value by its type.
 * A test double given to {@link #start} wins; then a {@code @Produces} method of the code base; then a
 * concrete class is created once (and wired in turn); an interface is its single implementation in the
 * code base. {@code @ConfigProperty} takes the test's value, else its default. {@code Event<T>} delivers
 * synchronously to the {@code @Observes} methods of the code base's beans (transactional observers at
 * the end of the transaction, as CDI does); {@code Instance<T>} gives every implementation. Then
 * {@code @PostConstruct} runs. The EntityManager is the current transaction's; a DataSource hands out
 * the current transaction's connection, as a JTA data source does.
 *
 * <p>What it does NOT model, so do not over-trust it:
 * <ul>
 * <li>Transactions exist only where a test opens one with {@link #inTransaction}. Every bean method runs
 *     in the caller's transaction whatever its attribute: a REQUIRES_NEW method (the scheduler's claim,
 *     the dispatcher) neither commits on its own nor survives its caller's rollback; NOT_SUPPORTED
 *     does not suspend. Any exception rolls back ({@code @ApplicationException(rollback = false)} is ignored).</li>
 * <li>No interceptors: no security ({@code @RolesAllowed}), no {@code @Asynchronous}, no {@code @Lock},
 *     no EJB timers or {@code @Schedule} (a test calls the scheduler), no {@code @Startup}.</li>
 * <li>One instance per bean class, no pooling, no proxies, no scopes. In a cycle of beans, one may be
 *     handed to another before its {@code @PostConstruct} ran.</li>
 * <li>Field and constructor injection only (no initializer methods); qualifiers are ignored (an
 *     observer with a qualifier is never called); no decorators, alternatives, disposers, or
 *     asynchronous events.</li>
 * <li>{@code SessionContext} gives only {@code getBusinessObject}: the bean itself, so a call through it
 *     keeps the caller's transaction.</li>
 * <li>One thread, one node: a claim's {@code SKIP LOCKED} never meets another transaction's lock here.</li>
 * <li>A test double is used as given: nothing is injected into it.</li>
 * <li>An executor refuses all work, as a saturated one does: the relay does not send at once, and
 *     outbound messages stay in the outbox, where the tests read them (the relay logs that the
 *     heartbeat will send them). No transport is called unless a test calls the relay.</li>
 * </ul>
 */
public final class Components implements AutoCloseable {

    private static final Object NO_VALUE = new Object();

    private final EntityManagerFactory database;
    private final DataSource dataSource;
    private final Map<String, String> config;
    private final List<Object> doubles;
    private final List<Class<?>> codeBase;
    private final Map<Class<?>, Object> beans = new HashMap<>();
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    private Components(DataSource dataSource, Map<String, String> config, List<Object> doubles) {
        this.dataSource = dataSource;
        this.config = config;
        this.doubles = doubles;
        this.codeBase = classesBeside(RequesterSide.class);
        this.database = new HibernatePersistenceConfiguration("gp2gp")
                .managedClasses(classesBeside(Transfer.class).stream().filter(Components::isMapped).toList())
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
    }

    /**
     * The beans around a freshly migrated database, with these settings (over the defaults) and
     * test doubles (each used wherever its type fits, the clock among them).
     */
    public static Components start(Map<String, String> config, Object... doubles) {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, NoBackgroundWork.class.getName());
        return new Components(migratedDatabase(), Map.copyOf(config), List.of(doubles));
    }

    /** The bean of this type, wired as the container would. */
    public synchronized <T> T get(Class<T> type) {
        Object bean = beans.get(type);
        if (bean == null) {
            bean = doubles.stream().filter(type::isInstance).findFirst()
                    .or(() -> produced(type))
                    .orElseGet(() -> created(type));
        }
        return type.cast(bean);
    }

    /** Runs the work in one transaction, as the container runs a REQUIRED method; joins one already open. */
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Transaction transaction = new Transaction(database.createEntityManager());
        current.set(transaction);
        boolean committed = false;
        try {
            transaction.em.getTransaction().begin();
            T result = work.get();
            transaction.synchronizations.forEach(Synchronization::beforeCompletion);
            transaction.em.getTransaction().commit();
            committed = true;
            return result;
        } finally {
            if (transaction.em.getTransaction().isActive()) {
                transaction.em.getTransaction().rollback();
            }
            current.remove();
            transaction.em.close();
            int status = committed ? Status.STATUS_COMMITTED : Status.STATUS_ROLLEDBACK;
            transaction.synchronizations.forEach(s -> s.afterCompletion(status));
        }
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        database.close();
    }

    private static final class Transaction {
        final EntityManager em;
        final List<Synchronization> synchronizations = new ArrayList<>();

        Transaction(EntityManager em) {
            this.em = em;
        }
    }

    private Transaction transaction() {
        Transaction transaction = current.get();
        if (transaction == null) {
            throw new IllegalStateException("No transaction: call the bean inside inTransaction(...)");
        }
        return transaction;
    }

    private Object created(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            List<Class<?>> implementations = implementationsOf(type);
            if (implementations.isEmpty() && type.isInterface() && Executor.class.isAssignableFrom(type)) {
                Object executor = refusingExecutor(type);
                beans.put(type, executor);
                return executor;
            }
            if (implementations.size() != 1) {
                throw new IllegalStateException("Cannot choose a " + type.getName() + " among " + implementations
                        + ": give the components a test double");
            }
            return get(implementations.get(0));
        }
        try {
            Object bean = constructed(type);
            beans.put(type, bean); // before wiring, so that a cycle of fields closes on this instance
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Object value = valueFor(field);
                    if (value != NO_VALUE) {
                        field.setAccessible(true);
                        field.set(bean, value);
                    }
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(PostConstruct.class)) {
                    invoke(bean, method);
                }
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getName() + " without a container", e);
        }
    }

    /** By its {@code @Inject} constructor, its arguments found by type; else by its no-argument one. */
    private Object constructed(Class<?> type) throws ReflectiveOperationException {
        for (var constructor : type.getDeclaredConstructors()) {
            if (constructor.isAnnotationPresent(Inject.class)) {
                Object[] args = Stream.of(constructor.getParameterTypes()).map(this::get).toArray();
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            }
        }
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private Object valueFor(Field field) {
        if (field.isAnnotationPresent(ConfigProperty.class)) {
            return configured(field);
        }
        if (field.isAnnotationPresent(PersistenceContext.class)) {
            return proxy(EntityManager.class, (method, args) -> method.invoke(transaction().em, args));
        }
        if (field.isAnnotationPresent(Resource.class)) {
            return resource(field.getType());
        }
        if (!field.isAnnotationPresent(Inject.class) && !field.isAnnotationPresent(EJB.class)) {
            return NO_VALUE;
        }
        if (field.getType() == Event.class) {
            return proxy(Event.class, (method, args) -> switch (method.getName()) {
                case "fire" -> deliver(args[0]);
                default -> throw new UnsupportedOperationException("Event." + method.getName() + " is not modelled");
            });
        }
        if (field.getType() == Instance.class) {
            Class<?> type = typeArgument(field);
            return proxy(Instance.class, (method, args) -> switch (method.getName()) {
                case "iterator" -> all(type).iterator();
                case "get" -> get(type);
                case "isUnsatisfied" -> all(type).isEmpty();
                case "isAmbiguous" -> all(type).size() > 1;
                default -> throw new UnsupportedOperationException("Instance." + method.getName() + " is not modelled");
            });
        }
        return get(field.getType());
    }

    private Object configured(Field field) {
        ConfigProperty property = field.getAnnotation(ConfigProperty.class);
        String value = config.containsKey(property.name()) ? config.get(property.name())
                : ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue()) ? null : property.defaultValue();
        if (field.getType() == Optional.class) {
            return Optional.ofNullable(value).map(v -> converted(v, typeArgument(field)));
        }
        if (value == null) {
            throw new IllegalStateException("No value for " + property.name() + ", which " + field + " needs");
        }
        return converted(value, field.getType());
    }

    /** As MicroProfile Config's implicit converters: of, valueOf or parse, else a String constructor. */
    private static Object converted(String value, Class<?> type) {
        if (type == String.class) {
            return value;
        }
        Class<?> boxed = MethodType.methodType(type).wrap().returnType();
        for (String name : List.of("of", "valueOf", "parse")) {
            for (Class<?> argument : List.of(String.class, CharSequence.class)) {
                try {
                    Method factory = boxed.getMethod(name, argument);
                    if (Modifier.isStatic(factory.getModifiers()) && boxed.isAssignableFrom(factory.getReturnType())) {
                        return factory.invoke(null, value);
                    }
                } catch (NoSuchMethodException e) {
                    // try the next converter
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("Cannot convert " + value + " to " + type.getName(), e);
                }
            }
        }
        try {
            return boxed.getConstructor(String.class).newInstance(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot convert " + value + " to " + type.getName(), e);
        }
    }

    private Object resource(Class<?> type) {
        if (type == DataSource.class) {
            return proxy(DataSource.class, (method, args) -> method.getName().equals("getConnection")
                    && current.get() != null ? transactionConnection() : method.invoke(dataSource, args));
        }
        if (type == TransactionSynchronizationRegistry.class) {
            return proxy(TransactionSynchronizationRegistry.class, (method, args) -> switch (method.getName()) {
                case "registerInterposedSynchronization" ->
                        transaction().synchronizations.add((Synchronization) args[0]);
                case "getTransactionStatus" ->
                        current.get() == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
                default -> throw new UnsupportedOperationException(method.getName() + " is not modelled");
            });
        }
        if (type == SessionContext.class) {
            // Only the bean's own business object: a call through it keeps the caller's transaction.
            return proxy(SessionContext.class, (method, args) -> switch (method.getName()) {
                case "getBusinessObject" -> get((Class<?>) args[0]);
                default -> throw new UnsupportedOperationException("SessionContext." + method.getName()
                        + " is not modelled");
            });
        }
        return get(type);
    }

    /** JNDI as the beans look up their executors: whatever name, an executor that refuses all work. */
    public static final class NoBackgroundWork implements InitialContextFactory {

        @Override
        public Context getInitialContext(java.util.Hashtable<?, ?> environment) {
            return proxy(Context.class, (method, args) -> switch (method.getName()) {
                case "lookup" -> refusingExecutor(ManagedExecutorService.class);
                case "close" -> null;
                default -> throw new UnsupportedOperationException("JNDI " + method.getName() + " is not modelled");
            });
        }
    }

    /** An executor that refuses all work, as a saturated one does: background work is not modelled. */
    private static Object refusingExecutor(Class<?> type) {
        return proxy(type, (method, args) -> {
            throw new RejectedExecutionException("No background work in component tests");
        });
    }

    /** The transaction's own connection, which the bean may close: it stays open until the transaction ends. */
    private Connection transactionConnection() {
        // What the beans persisted is written first: in the container a REQUIRES_NEW method's rows
        // are committed before the caller's JDBC sees them; here they share one transaction.
        transaction().em.flush();
        Connection shared = transaction().em.unwrap(Session.class).doReturningWork(connection -> connection);
        return proxy(Connection.class, (method, args) -> method.getName().equals("close") ? null
                : method.invoke(shared, args));
    }

    private Object deliver(Object event) {
        for (Class<?> bean : codeBase) {
            for (Method method : bean.getDeclaredMethods()) {
                Parameter[] parameters = method.getParameters();
                for (int i = 0; i < parameters.length; i++) {
                    Observes observes = parameters[i].getAnnotation(Observes.class);
                    if (observes != null && parameters[i].getType().isInstance(event) && !qualified(parameters[i])) {
                        notify(bean, method, i, event, observes.during());
                    }
                }
            }
        }
        return null;
    }

    private void notify(Class<?> bean, Method observer, int eventIndex, Object event, TransactionPhase phase) {
        Runnable call = () -> {
            Object[] args = new Object[observer.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = i == eventIndex ? event : get(observer.getParameterTypes()[i]);
            }
            invoke(get(bean), observer, args);
        };
        if (phase == TransactionPhase.IN_PROGRESS || current.get() == null) {
            call.run();
            return;
        }
        transaction().synchronizations.add(new Synchronization() {
            @Override
            public void beforeCompletion() {
                if (phase == TransactionPhase.BEFORE_COMPLETION) {
                    call.run();
                }
            }

            @Override
            public void afterCompletion(int status) {
                boolean committed = status == Status.STATUS_COMMITTED;
                if (phase == TransactionPhase.AFTER_COMPLETION || (phase == TransactionPhase.AFTER_SUCCESS && committed)
                        || (phase == TransactionPhase.AFTER_FAILURE && !committed)) {
                    call.run();
                }
            }
        });
    }

    private static boolean qualified(Parameter parameter) {
        return Stream.of(parameter.getAnnotations()).map(Annotation::annotationType)
                .anyMatch(a -> a.isAnnotationPresent(Qualifier.class) && a != Any.class && a != Default.class);
    }

    private Optional<Object> produced(Class<?> type) {
        for (Class<?> producer : codeBase) {
            for (Method method : producer.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Produces.class) && method.getReturnType() == type) {
                    Object bean = invoke(get(producer), method);
                    beans.put(type, bean);
                    return Optional.of(bean);
                }
            }
        }
        return Optional.empty();
    }

    private List<Object> all(Class<?> type) {
        List<Object> all = new ArrayList<>(doubles.stream().filter(type::isInstance).toList());
        implementationsOf(type).stream().map(this::get).filter(bean -> !all.contains(bean)).forEach(all::add);
        return all;
    }

    private List<Class<?>> implementationsOf(Class<?> type) {
        return codeBase.stream().filter(c -> type.isAssignableFrom(c) && !c.isInterface()
                && !Modifier.isAbstract(c.getModifiers())).toList();
    }

    private static Object invoke(Object bean, Method method, Object... args) {
        try {
            method.setAccessible(true);
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    /** An implementation of the interface by the handler; Object's and default methods as usual. */
    private static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + " of the component tests";
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("select") && type == Event.class) {
                return proxy; // an Event with qualifiers is the same Event here
            }
            try {
                return handler.handle(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(Components.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Class<?> typeArgument(Field field) {
        Type argument = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
        return argument instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) argument;
    }

    private static boolean isMapped(Class<?> type) {
        return type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Embeddable.class)
                || type.isAnnotationPresent(MappedSuperclass.class) || type.isAnnotationPresent(Converter.class);
    }

    /** The classes of the directory or jar the anchor was loaded from (a class that cannot load is left out). */
    private static List<Class<?>> classesBeside(Class<?> anchor) {
        List<String> names;
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    names = files.map(location::relativize).map(Path::toString).toList();
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    names = jar.stream().map(entry -> entry.getName()).toList();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith(".class") && !name.endsWith("-info.class")) {
                try {
                    Class<?> type = Class.forName(name.replace('\\', '/').replace('/', '.').replaceAll("\\.class$", ""),
                            false, anchor.getClassLoader());
                    type.getDeclaredMethods(); // fails here, not later, when a class needs what the tests lack
                    classes.add(type);
                } catch (ClassNotFoundException | LinkageError e) {
                    // needs the server's classes: not a bean the workflow can use here
                }
            }
        }
        return classes;
    }

    /** A fresh migrated database: in-memory H2 in PostgreSQL mode, or the PostgreSQL of gp2gp.test.db.url, emptied. */
    private static DataSource migratedDatabase() {
        return TestDatabase.migrated("components");
    }
}
