package dev.mandate.catalog.boundary;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.catalog.control.ArgumentSchemas;
import dev.mandate.catalog.control.ConnectorRules;
import dev.mandate.catalog.control.ConnectorTemplates;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant's tool catalogue. */
@Stateless
public class Tools {

    static final String KIND = "tool";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    Tenants tenants;

    @Inject
    ConfigurationChanges changes;

    public Tool create(Caller caller, ToolDefinition definition) {
        requireValid(definition);
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        if (find(caller.tenant(), definition.key()).isPresent()) {
            throw new ConflictException("a tool with key '" + definition.key() + "' already exists");
        }
        Tool tool = new Tool(caller.tenant(), definition, caller.subject());
        em.persist(tool);
        flush(definition.key());
        changes.record(AuditEntry.adminChange(caller, "tool.created", null, Map.of("tool", summary(tool))));
        return tool;
    }

    public Tool get(Caller caller, String key) {
        return find(caller.tenant(), key).orElseThrow(() -> new ResourceNotFoundException(KIND, key));
    }

    public Optional<Tool> find(String tenant, String key) {
        return em.createNamedQuery(Tool.BY_KEY, Tool.class)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    public List<Tool> list(Caller caller) {
        return em.createNamedQuery(Tool.ALL, Tool.class)
                .setParameter("tenant", caller.tenant())
                .getResultList();
    }

    /** Replaces a tool's definition; its key cannot change (envelopes and task types name it). */
    public Tool replace(Caller caller, String key, Long expectedVersion, ToolDefinition definition) {
        Tool tool = get(caller, key);
        Versions.require(KIND, key, expectedVersion, tool.version());
        if (!definition.key().equals(key)) {
            throw new ConflictException("a tool's key cannot change (was '" + key + "')");
        }
        requireValid(definition);
        String before = summary(tool);
        tool.apply(definition, caller.subject());
        flush(key);
        changes.record(
                AuditEntry.adminChange(caller, "tool.updated", null, Map.of("before", before, "after", summary(tool))));
        return tool;
    }

    /**
     * What the audit record says of a tool: its actions' risk classes and, for a connector, only where
     * calls go (method and origin) and the credential's name and kind. Never the path, query or headers,
     * which a careless configuration could have filled with a secret.
     */
    static String summary(Tool tool) {
        return tool.key() + " "
                + tool.definition().actions().stream()
                        .map(a -> a.key() + "=" + a.riskClass() + connectorSummary(a.connector()))
                        .toList();
    }

    private static String connectorSummary(ConnectorDefinition connector) {
        if (connector == null) {
            return "";
        }
        URI url = URI.create(ConnectorTemplates.withoutPlaceholders(connector.url()));
        String origin = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        CredentialReference credential = connector.credential();
        return " via " + connector.method() + " " + origin
                + (credential == null ? "" : " with " + credential.kind() + " " + credential.name());
    }

    private static void requireValid(ToolDefinition definition) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < definition.actions().size(); i++) {
            ToolActionDefinition action = definition.actions().get(i);
            ArgumentSchemas.requireValidSchema("actions[" + i + "].argumentSchema", action.argumentSchema());
            if (action.connector() != null) {
                violations.addAll(
                        ConnectorRules.check("actions[" + i + "].connector", action.riskClass(), action.connector()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        long distinct =
                definition.actions().stream().map(a -> a.key()).distinct().count();
        if (distinct != definition.actions().size()) {
            throw new InvalidRequestException("actions", "action keys must be unique");
        }
    }

    private void flush(String key) {
        Flushes.flush(
                em,
                () -> new StaleVersionException(KIND, key),
                () -> new ConflictException("a conflicting tool was written at the same time"));
    }
}
