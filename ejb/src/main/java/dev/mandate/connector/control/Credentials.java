package dev.mandate.connector.control;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mandate.catalog.control.ConnectorRules;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import dev.mandate.platform.security.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a connector's credential on an outgoing request, resolved on the server by reference: the agent
 * never holds it. The values come from the {@link CredentialSource}s, scoped by tenant; with
 * {@code perPerson}, the entry of the person acted for comes first, then the shared one. Both values of
 * a pair (username and password, client id and secret) come from one entry of one source. Every secret
 * resolved, and every token fetched, is handed to the {@link SecretRedactor} before a request carries it.
 */
@ApplicationScoped
public class Credentials {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Instance<CredentialSource> available;

    @Inject
    SecretRedactor redactor;

    @Resource
    ManagedExecutorService executor;

    private List<CredentialSource> sources;
    private OAuthTokens tokens;

    public Credentials() {}

    Credentials(List<CredentialSource> sources, SecretRedactor redactor, OAuthTokens tokens) {
        this.sources = sorted(sources);
        this.redactor = redactor;
        this.tokens = tokens;
    }

    @PostConstruct
    void start() {
        List<CredentialSource> found = new ArrayList<>();
        available.forEach(found::add);
        sources = sorted(found);
        HttpClient.Builder http =
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            http.executor(executor);
        }
        tokens = new OAuthTokens(http.build(), Ticker.systemTicker());
    }

    /**
     * Sets the headers the credential needs on the request.
     *
     * @throws CredentialUnavailableException the credential is not configured, incomplete, unusable as a
     *     header, or its token endpoint refused or did not answer
     */
    public void apply(
            String tenant,
            CredentialReference reference,
            String agentId,
            String onBehalfOf,
            HttpRequest.Builder request) {
        requireUsable(tenant, reference);
        switch (reference.kind()) {
            case API_KEY -> {
                String key = secret(
                        resolve(tenant, reference, agentId, onBehalfOf, CredentialField.KEY), CredentialField.KEY);
                boolean authorization = reference.header().equalsIgnoreCase("Authorization");
                request.setHeader(reference.header(), authorization ? "Bearer " + key : key);
            }
            case BASIC -> {
                Entry entry = resolve(
                        tenant, reference, agentId, onBehalfOf, CredentialField.USERNAME, CredentialField.PASSWORD);
                String username = entry.values.get(CredentialField.USERNAME);
                if (username.indexOf(':') >= 0) {
                    throw unavailable(
                            entry.scope, "its username contains ':', which basic authentication cannot carry");
                }
                secret(entry, CredentialField.PASSWORD);
                String pair = Base64.getEncoder()
                        .encodeToString((username + ":" + entry.values.get(CredentialField.PASSWORD))
                                .getBytes(StandardCharsets.UTF_8));
                redactor.remember(pair);
                request.setHeader("Authorization", "Basic " + pair);
            }
            case OAUTH2_CLIENT_CREDENTIALS -> {
                Entry entry = client(tenant, reference, agentId, onBehalfOf);
                String secret = entry.values.get(CredentialField.CLIENT_SECRET);
                redactor.remember(secret);
                redactor.remember(OAuthTokens.basic(entry.values.get(CredentialField.CLIENT_ID), secret));
                String token = tokens.token(tokenKey(entry, reference), secret, redactor::remember);
                request.setHeader("Authorization", "Bearer " + token);
            }
        }
    }

    /** The tool answered 401: the next request fetches a new token (OAuth); nothing to do for the others. */
    public void invalidate(String tenant, CredentialReference reference, String agentId, String onBehalfOf) {
        if (reference == null || reference.kind() != CredentialKind.OAUTH2_CLIENT_CREDENTIALS) {
            return;
        }
        try {
            requireUsable(tenant, reference);
            tokens.invalidate(tokenKey(client(tenant, reference, agentId, onBehalfOf), reference));
        } catch (CredentialUnavailableException unresolved) {
            // no entry, no token of it
        }
    }

    private Entry client(String tenant, CredentialReference reference, String agentId, String onBehalfOf) {
        return resolve(
                tenant, reference, agentId, onBehalfOf, CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET);
    }

    private static OAuthTokens.Key tokenKey(Entry entry, CredentialReference reference) {
        List<String> scopes = reference.scopes() == null
                ? List.of()
                : reference.scopes().stream().distinct().sorted().toList();
        return new OAuthTokens.Key(
                entry.scope.tenant(),
                entry.scope.name(),
                reference.tokenUrl(),
                entry.values.get(CredentialField.CLIENT_ID),
                scopes,
                entry.scope.person());
    }

    /** The first entry, in the order of scopes and then of sources, that holds all the fields. */
    private Entry resolve(
            String tenant,
            CredentialReference reference,
            String agentId,
            String onBehalfOf,
            CredentialField... fields) {
        CredentialScope shared = new CredentialScope(tenant, reference.name(), null, null);
        List<CredentialScope> scopes = reference.perPerson() && onBehalfOf != null && !onBehalfOf.isEmpty()
                ? List.of(new CredentialScope(tenant, reference.name(), agentId, onBehalfOf), shared)
                : List.of(shared);
        for (CredentialScope scope : scopes) {
            for (CredentialSource source : sources) {
                Map<CredentialField, String> values = new EnumMap<>(CredentialField.class);
                for (CredentialField field : fields) {
                    source.value(scope, field).ifPresent(value -> values.put(field, value));
                }
                if (values.size() == fields.length) {
                    return new Entry(scope, values);
                }
                if (!values.isEmpty()) {
                    throw unavailable(
                            scope,
                            "its entry " + (scope.isShared() ? "" : "for the person acted for ") + "is incomplete: "
                                    + missing(fields, values) + " missing");
                }
            }
        }
        throw unavailable(shared, "it is not configured (" + fieldNames(fields) + ")");
    }

    private String secret(Entry entry, CredentialField field) {
        String value = entry.values.get(field);
        if (!ConnectorRules.isHeaderValue(value)) {
            throw unavailable(entry.scope, "its " + field.key() + " contains a control character");
        }
        redactor.remember(value);
        return value;
    }

    private static void requireUsable(String tenant, CredentialReference reference) {
        if (reference == null
                || reference.kind() == null
                || reference.name() == null
                || !ConnectorRules.CREDENTIAL_NAME.matcher(reference.name()).matches()
                || !TenantId.isValid(tenant)) {
            // never a key built from an unchecked tenant or name
            throw new CredentialUnavailableException(
                    String.valueOf(tenant), reference == null ? "null" : reference.name(), "not a valid reference");
        }
        if (reference.kind() == CredentialKind.API_KEY && !ConnectorRules.mayCarryCredential(reference.header())) {
            throw new CredentialUnavailableException(tenant, reference.name(), "its header cannot carry a credential");
        }
        if (reference.kind() == CredentialKind.OAUTH2_CLIENT_CREDENTIALS && reference.tokenUrl() == null) {
            throw new CredentialUnavailableException(tenant, reference.name(), "it names no token endpoint");
        }
    }

    private static List<CredentialSource> sorted(List<CredentialSource> sources) {
        return sources.stream()
                .sorted(Comparator.comparingInt(CredentialSource::priority).reversed())
                .toList();
    }

    private static String missing(CredentialField[] fields, Map<CredentialField, String> values) {
        List<String> missing = new ArrayList<>();
        for (CredentialField field : fields) {
            if (!values.containsKey(field)) {
                missing.add(field.key());
            }
        }
        return String.join(", ", missing);
    }

    private static String fieldNames(CredentialField[] fields) {
        List<String> names = new ArrayList<>();
        for (CredentialField field : fields) {
            names.add(field.key());
        }
        return String.join(", ", names);
    }

    private static CredentialUnavailableException unavailable(CredentialScope scope, String problem) {
        return new CredentialUnavailableException(scope.tenant(), scope.name(), problem);
    }

    private record Entry(CredentialScope scope, Map<CredentialField, String> values) {}
}
