package dev.mandate.catalog.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A tool agents may ask to use (a ticketing system, an ERP), with its actions. */
@Entity
@Table(name = "tool")
@NamedQuery(name = Tool.BY_KEY, query = "select t from Tool t where t.tenantId = :tenant and t.key = :key")
@NamedQuery(name = Tool.ALL, query = "select t from Tool t where t.tenantId = :tenant order by t.key")
public class Tool {
    public static final String BY_KEY = "Tool.byKey";
    public static final String ALL = "Tool.all";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "tool_key", nullable = false)
    private String key;

    @Column(nullable = false)
    private String name;

    private String description;

    @OneToMany(mappedBy = "tool", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("key")
    private List<ToolAction> actions = new ArrayList<>();

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected Tool() {}

    public Tool(String tenantId, ToolDefinition definition, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
        apply(definition, actor);
    }

    public void apply(ToolDefinition definition, String actor) {
        this.key = definition.key();
        this.name = definition.name();
        this.description = definition.description();
        // an action that stays keeps its row (changed in place): replacing it would insert the new row
        // before deleting the old one and break the unique (tool, action key) on every edit
        Map<String, ToolActionDefinition> wanted = new HashMap<>();
        definition.actions().forEach(action -> wanted.put(action.key(), action));
        actions.removeIf(action -> !wanted.containsKey(action.key()));
        for (ToolAction action : actions) {
            action.apply(wanted.remove(action.key()));
        }
        definition.actions().stream()
                .filter(action -> wanted.containsKey(action.key()))
                .forEach(action -> actions.add(new ToolAction(this, action)));
        actions.sort(Comparator.comparing(ToolAction::key));
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    public Optional<ToolAction> action(String actionKey) {
        return actions.stream().filter(a -> a.key().equals(actionKey)).findFirst();
    }

    public ToolDefinition definition() {
        return new ToolDefinition(
                key,
                name,
                description,
                actions.stream().map(ToolAction::definition).toList());
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String key() {
        return key;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
