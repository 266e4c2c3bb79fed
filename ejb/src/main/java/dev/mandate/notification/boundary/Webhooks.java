package dev.mandate.notification.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.notification.control.DeliveryRecords;
import dev.mandate.notification.control.Notifications;
import dev.mandate.notification.entity.Delivery;
import dev.mandate.notification.entity.EventType;
import dev.mandate.notification.entity.EventTypes;
import dev.mandate.notification.entity.WebhookSubscription;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.webhook.WebhookTargets;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's webhook subscriptions: which events are signed and sent where. Every change is audited
 * ({@code webhook.created}, {@code webhook.changed}, {@code webhook.deleted}); a URL must be one Mandate
 * calls ({@link WebhookTargets}: allowed host, the tenant's signing secret configured).
 */
@Stateless
public class Webhooks {

    static final String KIND = "webhook";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigurationChanges changes;

    @Inject
    WebhookTargets targets;

    @Inject
    Notifications notifications;

    @Inject
    DeliveryRecords deliveries;

    @Inject
    Sql sql;

    @EJB
    Tenants tenants;

    /** A subscription as written, and whether the write created it. */
    public record Written(WebhookSubscription subscription, boolean created) {}

    /**
     * Creates the subscription (no {@code If-Match}) or replaces what it takes, where and whether ({@code
     * If-Match} with its current version; 428 without, 412 when stale, and 412 for a version of one that
     * does not exist).
     */
    public Written put(
            Caller caller, String name, Long expectedVersion, String url, List<String> eventTypes, boolean enabled) {
        WebhookSubscription.checkName(name);
        EventTypes types = EventTypes.parse(eventTypes);
        targets.check(caller.tenant(), "url", url);
        Optional<WebhookSubscription> existing = find(caller.tenant(), name);
        if (existing.isEmpty()) {
            if (expectedVersion != null) {
                throw new StaleVersionException(KIND, name);
            }
            tenants.ensureRegistered(caller.tenant(), caller.tenant());
            WebhookSubscription created = new WebhookSubscription(caller.tenant(), name, caller.subject());
            created.apply(url, types, enabled, caller.subject());
            em.persist(created);
            flush(name);
            changes.record(AuditEntry.adminChange(
                    caller, "webhook.created", null, Map.of("webhook", name, "after", created.summary())));
            return new Written(created, true);
        }
        WebhookSubscription subscription = existing.get();
        Versions.require(KIND, name, expectedVersion, subscription.version());
        String before = subscription.summary();
        if (subscription.apply(url, types, enabled, caller.subject())) {
            flush(name);
            changes.record(AuditEntry.adminChange(
                    caller,
                    "webhook.changed",
                    null,
                    Map.of("webhook", name, "before", before, "after", subscription.summary())));
        }
        return new Written(subscription, false);
    }

    public WebhookSubscription get(Caller caller, String name) {
        WebhookSubscription.checkName(name);
        return find(caller.tenant(), name).orElseThrow(() -> new ResourceNotFoundException(KIND, name));
    }

    /** The tenant's subscriptions by name. */
    public Page<WebhookSubscription> list(Caller caller, PageRequest page) {
        List<WebhookSubscription> items = em.createNamedQuery(WebhookSubscription.PAGE, WebhookSubscription.class)
                .setParameter("tenant", caller.tenant())
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        long total = em.createNamedQuery(WebhookSubscription.COUNT, Long.class)
                .setParameter("tenant", caller.tenant())
                .getSingleResult();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** Deletes it ({@code If-Match} required); what still waits to be sent to it is FAILED, not sent. */
    public void delete(Caller caller, String name, Long expectedVersion) {
        WebhookSubscription subscription = get(caller, name);
        Versions.require(KIND, name, expectedVersion, subscription.version());
        String before = subscription.summary();
        em.remove(subscription);
        flush(name);
        deliveries.dropPendingOf(subscription.id());
        changes.record(
                AuditEntry.adminChange(caller, "webhook.deleted", null, Map.of("webhook", name, "before", before)));
    }

    /**
     * Sends a {@code webhook.test} event to this subscription only, whatever types it takes; 409 when it is
     * disabled (nothing is sent to a disabled subscription).
     */
    public Delivery test(Caller caller, String name) {
        WebhookSubscription subscription = get(caller, name);
        if (!subscription.enabled()) {
            throw new ConflictException("webhook '" + name + "' is disabled: enable it to test it");
        }
        Sql.Writes writes = sql.writes();
        String id = notifications.publishTo(
                writes,
                caller.tenant(),
                subscription.id(),
                name,
                subscription.url(),
                EventType.WEBHOOK_TEST,
                name,
                JSON.createObjectBuilder()
                        .add("webhook", name)
                        .add("message", "a test event, sent on request")
                        .build());
        writes.run();
        return deliveries.find(caller.tenant(), id).orElseThrow().delivery();
    }

    private Optional<WebhookSubscription> find(String tenant, String name) {
        return em.createNamedQuery(WebhookSubscription.BY_NAME, WebhookSubscription.class)
                .setParameter("tenant", tenant)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    private void flush(String name) {
        // two admins writing one subscription at once: one wins, the other is asked to retry (not a 500)
        Flushes.flush(
                em,
                () -> new StaleVersionException(KIND, name),
                () -> new ConflictException("webhook '" + name + "' was written at the same time; retry"));
    }
}
