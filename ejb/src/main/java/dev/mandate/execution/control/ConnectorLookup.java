package dev.mandate.execution.control;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.catalog.entity.ToolActionDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** The connector a tool action has now, for an attempt a worker makes later than the decision. */
@ApplicationScoped
public class ConnectorLookup {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    public Optional<ConnectorDefinition> current(String tenant, String tool, String action) {
        return em.createNamedQuery(Tool.BY_KEY, Tool.class)
                .setParameter("tenant", tenant)
                .setParameter("key", tool)
                .getResultStream()
                .findFirst()
                .flatMap(t -> t.action(action))
                .map(a -> a.definition())
                .map(ToolActionDefinition::connector);
    }
}
