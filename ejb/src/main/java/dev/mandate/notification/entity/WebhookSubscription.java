package dev.mandate.notification.entity;

import dev.mandate.platform.error.InvalidRequestException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A tenant's subscription: events of the types it takes are signed and sent to its URL while it is
 * enabled. Named by the tenant's administrators (unique per tenant); its version is its ETag.
 */
@Entity
@Table(name = "webhook_subscription")
@NamedQuery(
        name = WebhookSubscription.BY_NAME,
        query = "select s from WebhookSubscription s where s.tenantId = :tenant and s.name = :name")
@NamedQuery(
        name = WebhookSubscription.PAGE,
        query = "select s from WebhookSubscription s where s.tenantId = :tenant order by s.name")
@NamedQuery(
        name = WebhookSubscription.COUNT,
        query = "select count(s) from WebhookSubscription s where s.tenantId = :tenant")
public class WebhookSubscription {
    public static final String BY_NAME = "WebhookSubscription.byName";
    public static final String PAGE = "WebhookSubscription.page";
    public static final String COUNT = "WebhookSubscription.count";

    /** Names are keys like the catalogue's: lowercase letters, digits and {@code _ . -}, at most 100. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_.-]{0,99}";

    /** Not a name: {@code /api/v1/webhooks/deliveries} is the delivery log. */
    public static final String RESERVED_NAME = "deliveries";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String url;

    @Column(name = "event_types", nullable = false)
    private String eventTypes;

    @Column(nullable = false)
    private boolean enabled;

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

    protected WebhookSubscription() {}

    /** Refuses (400 naming {@code name}) what cannot be a subscription's name. */
    public static void checkName(String name) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new InvalidRequestException(
                    "name",
                    "must be lowercase letters, digits and _ . - (at most 100, starting with a letter or digit)");
        }
        if (name.equals(RESERVED_NAME)) {
            throw new InvalidRequestException("name", "'" + RESERVED_NAME + "' is reserved (the delivery log)");
        }
    }

    public WebhookSubscription(String tenantId, String name, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.name = name;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
    }

    /** Sets what it takes and where it sends; true when anything changed. */
    public boolean apply(String url, EventTypes eventTypes, boolean enabled, String actor) {
        boolean changed =
                !url.equals(this.url) || !eventTypes.column().equals(this.eventTypes) || enabled != this.enabled;
        if (changed || updatedAt == null) {
            this.url = url;
            this.eventTypes = eventTypes.column();
            this.enabled = enabled;
            this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            this.updatedBy = actor;
        }
        return changed;
    }

    /**
     * What the audit keeps of it, e.g. {@code https://hooks.example.com/mandate [approval.created] enabled}:
     * the URL without its query, where receivers tend to put access tokens.
     */
    public String summary() {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : url.length();
        return url.substring(0, end) + " " + eventTypes().names() + (enabled ? " enabled" : " disabled");
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public EventTypes eventTypes() {
        return EventTypes.stored(eventTypes);
    }

    public boolean enabled() {
        return enabled;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
