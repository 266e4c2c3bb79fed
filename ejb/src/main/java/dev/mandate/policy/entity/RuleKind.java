package dev.mandate.policy.entity;

/** How a rule is authored: a ready-made template that generates CEL from params, or raw CEL. */
public enum RuleKind {
    /** {@code {"path": "amount", "max": 1000}}: fires when the argument is present and above max. */
    AMOUNT_CAP,
    /** {@code {"path": "to", "domains": ["example.com"]}}: fires when a host of the argument (email or URL, or a list of them) is outside the list. */
    DOMAIN_ALLOW,
    /** {@code {"path": "to", "domains": ["evil.example"]}}: fires when a host of the argument is in the list (subdomains included). */
    DOMAIN_DENY,
    /** {@code {"paths": ["invoice_id", "vendor.iban"]}}: fires when any of them is missing, null or "". */
    REQUIRED_FIELDS,
    /** {@code {"counter": "agent_minute", "max": 10}}: fires when {@code rate.<counter> >= max}. */
    RATE_LIMIT,
    /** The rule's own CEL {@code expression}. */
    EXPRESSION
}
