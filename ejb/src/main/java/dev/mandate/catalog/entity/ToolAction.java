package dev.mandate.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.UUID;

/**
 * One action of a tool: its risk class, the JSON Schema its arguments must satisfy and, where Mandate
 * carries it out, its connector.
 */
@Entity
@Table(name = "tool_action")
public class ToolAction {

    @Id
    private String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "tool_id")
    private Tool tool;

    @Column(name = "action_key", nullable = false)
    private String key;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_class", nullable = false)
    private RiskClass riskClass;

    @Column(name = "argument_schema", nullable = false)
    private String argumentSchema;

    private String description;

    /** {@link ConnectorJson} text; null when Mandate does not carry the action out. */
    @Column(name = "connector_json")
    private String connectorJson;

    @Transient
    private ConnectorDefinition connector;

    protected ToolAction() {}

    ToolAction(Tool tool, ToolActionDefinition definition) {
        this.id = UUID.randomUUID().toString();
        this.tool = tool;
        this.key = definition.key();
        apply(definition);
    }

    /** Takes the definition's risk class, schema, description and connector; the key stays. */
    void apply(ToolActionDefinition definition) {
        this.riskClass = definition.riskClass();
        this.argumentSchema = definition.argumentSchema();
        this.description = definition.description();
        this.connectorJson = ConnectorJson.text(definition.connector());
        this.connector = definition.connector();
    }

    public String key() {
        return key;
    }

    public RiskClass riskClass() {
        return riskClass;
    }

    public String argumentSchema() {
        return argumentSchema;
    }

    /** How Mandate carries the action out; null when it does not. Read from its text once. */
    public ConnectorDefinition connector() {
        if (connector == null && connectorJson != null) {
            connector = ConnectorJson.fromText(connectorJson);
        }
        return connector;
    }

    public ToolActionDefinition definition() {
        return new ToolActionDefinition(key, riskClass, argumentSchema, description, connector());
    }
}
