package dev.mandate.scim.filter;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.query.Criteria;
import dev.mandate.rbac.entity.PrincipalType;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimProblem;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates an RFC 7644 filter (parsed by the SCIM SDK) into a parameterised JPQL condition over the
 * agent ({@code a}) or role ({@code r}) entity. The condition text is built only from the fixed column
 * names below and operators; every value the client sent becomes a named parameter. Attributes that are
 * not mapped, or operators that make no sense for an attribute, are a 400 {@code invalidFilter}.
 */
public final class FilterTranslator {

    /** Longest filter accepted; longer ones are refused before parsing. */
    public static final int MAX_LENGTH = 4096;

    /** Deepest nesting of and/or/not accepted. */
    static final int MAX_DEPTH = 50;

    public enum Target {
        USERS("a"),
        GROUPS("r");

        final String alias;

        Target(String alias) {
            this.alias = alias;
        }
    }

    private enum Kind {
        STRING,
        ACTIVE,
        DATE,
        TIER,
        EMAIL_TYPE,
        EMAIL_PRIMARY,
        MEMBER,
        GROUP,
        RESOURCE_TYPE
    }

    private record Column(String expression, Kind kind, boolean caseInsensitive, boolean nullable) {}

    /** Entra's {@code emails[type eq "work"].value eq "x"}: not RFC grammar, means {@code emails[type eq "work" and value eq "x"]}. */
    private static final Pattern ENTRA_VALUE_PATH = Pattern.compile(
            "^\\s*([A-Za-z][\\w:.$-]*)\\[([^\\[\\]]+)]\\.([A-Za-z][\\w$-]*)\\s+(eq|ne|co|sw|ew|gt|ge|lt|le)\\s+(.+?)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final Target target;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private int subqueries;

    private FilterTranslator(Target target) {
        this.target = target;
    }

    /** The condition for {@code filter}; a blank filter matches everything. */
    public static Criteria translate(String filter, Target target) {
        if (filter == null || filter.isBlank()) {
            return new Criteria(null, Map.of());
        }
        FilterTranslator translator = new FilterTranslator(target);
        String condition = translator.condition(parse(filter), null, 0);
        return new Criteria(condition, translator.parameters);
    }

    /** Parses a filter with the SCIM SDK, accepting Entra's value-path comparison too. */
    public static Filter parse(String filter) {
        if (filter.length() > MAX_LENGTH) {
            throw ScimProblem.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters.");
        }
        try {
            return Filter.fromString(filter);
        } catch (BadRequestException | RuntimeException first) {
            Matcher entra = ENTRA_VALUE_PATH.matcher(filter);
            if (entra.matches()) {
                String rewritten = entra.group(1) + "[" + entra.group(2) + " and " + entra.group(3) + " "
                        + entra.group(4) + " " + entra.group(5) + "]";
                try {
                    return Filter.fromString(rewritten);
                } catch (BadRequestException | RuntimeException ignored) {
                    // report the original problem below
                }
            }
            throw ScimProblem.invalidFilter("The filter cannot be parsed: " + first.getMessage());
        }
    }

    private String condition(Filter filter, String complexAttribute, int depth) {
        if (depth > MAX_DEPTH) {
            throw ScimProblem.invalidFilter("The filter nests deeper than " + MAX_DEPTH + " levels.");
        }
        FilterType type = filter.getFilterType();
        switch (type) {
            case AND, OR -> {
                StringBuilder joined = new StringBuilder("(");
                String operator = type == FilterType.AND ? " and " : " or ";
                boolean first = true;
                for (Filter part : filter.getCombinedFilters()) {
                    if (!first) {
                        joined.append(operator);
                    }
                    joined.append(condition(part, complexAttribute, depth + 1));
                    first = false;
                }
                return joined.append(')').toString();
            }
            case NOT -> {
                return "not (" + condition(filter.getInvertedFilter(), complexAttribute, depth + 1) + ")";
            }
            case COMPLEX_VALUE -> {
                if (complexAttribute != null) {
                    throw ScimProblem.invalidFilter("Value filters cannot be nested.");
                }
                String attribute = attributeName(filter.getAttributePath(), null);
                return condition(filter.getValueFilter(), attribute, depth + 1);
            }
            case PRESENT -> {
                return present(resolve(attributeName(filter.getAttributePath(), complexAttribute)));
            }
            default -> {
                Column column = resolve(attributeName(filter.getAttributePath(), complexAttribute));
                return compare(type, column, filter.getComparisonValue());
            }
        }
    }

    /** The lower-case dotted attribute name a path denotes, checked against the target's schemas. */
    private String attributeName(Path path, String complexAttribute) {
        String urn = path.getSchemaUrn();
        if (urn != null) {
            boolean known = target == Target.USERS
                    ? urn.equalsIgnoreCase(ScimSchemas.USER) || urn.equalsIgnoreCase(ScimSchemas.AGENT)
                    : urn.equalsIgnoreCase(ScimSchemas.GROUP);
            if (!known) {
                throw ScimProblem.invalidFilter("Filtering on schema '" + urn + "' is not supported.");
            }
        }
        StringBuilder name = new StringBuilder();
        if (complexAttribute != null) {
            name.append(complexAttribute);
        }
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                throw ScimProblem.invalidFilter("Value filters inside attribute paths are not supported here.");
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        if (name.isEmpty()) {
            throw ScimProblem.invalidFilter("A filter needs an attribute.");
        }
        return name.toString();
    }

    private Column resolve(String name) {
        String a = target.alias;
        Column column = target == Target.USERS
                ? switch (name) {
                    case "id" -> new Column(a + ".id", Kind.STRING, false, false);
                    case "username" -> new Column(a + ".nameLower", Kind.STRING, true, false);
                    case "externalid" -> new Column(a + ".externalId", Kind.STRING, false, true);
                    case "displayname" -> new Column("lower(" + a + ".displayName)", Kind.STRING, true, true);
                    case "active" -> new Column(a + ".status", Kind.ACTIVE, false, false);
                    case "emails", "emails.value" -> new Column(a + ".emailLower", Kind.STRING, true, true);
                    case "emails.type" -> new Column(a + ".emailLower", Kind.EMAIL_TYPE, false, true);
                    case "emails.primary" -> new Column(a + ".emailLower", Kind.EMAIL_PRIMARY, false, true);
                    case "meta.created" -> new Column(a + ".createdAt", Kind.DATE, false, false);
                    case "meta.lastmodified" -> new Column(a + ".updatedAt", Kind.DATE, false, false);
                    case "meta.resourcetype" -> new Column("User", Kind.RESOURCE_TYPE, false, false);
                    case "sponsor" -> new Column("lower(" + a + ".sponsor)", Kind.STRING, true, false);
                    case "defaulttier" -> new Column(a + ".defaultTier", Kind.TIER, false, false);
                    case "workflow" -> new Column(a + ".workflow", Kind.STRING, false, true);
                    case "description" -> new Column("lower(" + a + ".description)", Kind.STRING, true, true);
                    case "groups", "groups.value" -> new Column(a + ".id", Kind.GROUP, false, false);
                    default -> null;
                }
                : switch (name) {
                    case "id" -> new Column(a + ".id", Kind.STRING, false, false);
                    case "displayname" -> new Column(a + ".nameLower", Kind.STRING, true, false);
                    case "externalid" -> new Column(a + ".externalId", Kind.STRING, false, true);
                    case "members", "members.value" -> new Column(a + ".id", Kind.MEMBER, false, false);
                    case "meta.created" -> new Column(a + ".createdAt", Kind.DATE, false, false);
                    case "meta.lastmodified" -> new Column(a + ".updatedAt", Kind.DATE, false, false);
                    case "meta.resourcetype" -> new Column("Group", Kind.RESOURCE_TYPE, false, false);
                    default -> null;
                };
        if (column == null) {
            throw ScimProblem.invalidFilter("Filtering on '" + name + "' is not supported.");
        }
        return column;
    }

    private String always() {
        return target.alias + ".id is not null";
    }

    private String never() {
        return target.alias + ".id is null";
    }

    private String present(Column column) {
        return switch (column.kind()) {
            case MEMBER -> memberExists(null);
            case GROUP -> groupExists(null);
            case EMAIL_TYPE, EMAIL_PRIMARY -> column.expression() + " is not null";
            default -> column.nullable() ? column.expression() + " is not null" : always();
        };
    }

    private String compare(FilterType type, Column column, ValueNode value) {
        if (value == null || value.isNull()) {
            return switch (type) {
                case EQUAL -> column.nullable() ? column.expression() + " is null" : never();
                case NOT_EQUAL -> present(column);
                default -> throw ScimProblem.invalidFilter("Only eq and ne compare with null.");
            };
        }
        return switch (column.kind()) {
            case STRING -> compareString(type, column, value);
            case ACTIVE -> {
                Boolean active = bool(value);
                if (active == null || (type != FilterType.EQUAL && type != FilterType.NOT_EQUAL)) {
                    throw ScimProblem.invalidFilter("'active' compares with eq or ne and true or false.");
                }
                boolean wanted = active == (type == FilterType.EQUAL);
                yield column.expression() + (wanted ? " = " : " <> ") + parameter(AgentStatus.ACTIVE);
            }
            case DATE -> {
                if (!value.isTextual()
                        || !isOrdering(type) && type != FilterType.EQUAL && type != FilterType.NOT_EQUAL) {
                    throw ScimProblem.invalidFilter("Dates compare with eq, ne, gt, ge, lt, le and an xsd:dateTime.");
                }
                OffsetDateTime when;
                try {
                    when = OffsetDateTime.parse(value.textValue());
                } catch (DateTimeParseException e) {
                    throw ScimProblem.invalidFilter("'" + value.textValue() + "' is not an xsd:dateTime.");
                }
                yield column.expression() + " " + operator(type) + " " + parameter(when);
            }
            case TIER -> {
                if (!value.isTextual() || (type != FilterType.EQUAL && type != FilterType.NOT_EQUAL)) {
                    throw ScimProblem.invalidFilter("'defaultTier' compares with eq or ne and a tier name.");
                }
                AuthorityTier tier = tier(value.textValue());
                if (tier == null) {
                    yield type == FilterType.EQUAL ? never() : always();
                }
                yield column.expression() + (type == FilterType.EQUAL ? " = " : " <> ") + parameter(tier);
            }
            case EMAIL_TYPE -> {
                if (!value.isTextual() || type != FilterType.EQUAL) {
                    throw ScimProblem.invalidFilter("'emails.type' compares with eq only.");
                }
                // Mandate keeps the work (or else primary) email; other types are never searchable
                yield "work".equalsIgnoreCase(value.textValue()) ? column.expression() + " is not null" : never();
            }
            case EMAIL_PRIMARY -> {
                Boolean primary = bool(value);
                if (primary == null || type != FilterType.EQUAL) {
                    throw ScimProblem.invalidFilter("'emails.primary' compares with eq true or false.");
                }
                yield primary ? column.expression() + " is not null" : never();
            }
            case MEMBER, GROUP -> {
                if (!value.isTextual() || type != FilterType.EQUAL) {
                    throw ScimProblem.invalidFilter("Membership compares with eq and an id only.");
                }
                yield column.kind() == Kind.MEMBER ? memberExists(value.textValue()) : groupExists(value.textValue());
            }
            case RESOURCE_TYPE -> {
                if (!value.isTextual() || type != FilterType.EQUAL) {
                    throw ScimProblem.invalidFilter("'meta.resourceType' compares with eq only.");
                }
                yield column.expression().equalsIgnoreCase(value.textValue()) ? always() : never();
            }
        };
    }

    private String compareString(FilterType type, Column column, ValueNode value) {
        if (!value.isTextual()) {
            throw ScimProblem.invalidFilter("'" + value + "' must be a string here.");
        }
        String text = column.caseInsensitive() ? value.textValue().toLowerCase(Locale.ROOT) : value.textValue();
        String expression = column.expression();
        String comparison =
                switch (type) {
                    case EQUAL -> expression + " = " + parameter(text);
                    case NOT_EQUAL ->
                        column.nullable()
                                ? "(" + expression + " is null or " + expression + " <> " + parameter(text) + ")"
                                : expression + " <> " + parameter(text);
                    case CONTAINS -> expression + " like " + parameter("%" + escapeLike(text) + "%") + " escape '!'";
                    case STARTS_WITH -> expression + " like " + parameter(escapeLike(text) + "%") + " escape '!'";
                    case ENDS_WITH -> expression + " like " + parameter("%" + escapeLike(text)) + " escape '!'";
                    default -> expression + " " + operator(type) + " " + parameter(text);
                };
        if (column.nullable() && type != FilterType.NOT_EQUAL) {
            return "(" + expression + " is not null and " + comparison + ")";
        }
        return comparison;
    }

    private String memberExists(String agentId) {
        String m = "m" + subqueries++;
        return "exists (select " + m + " from RoleAssignment " + m + " where " + m + ".roleId = " + target.alias
                + ".id and " + m + ".principalType = " + parameter(PrincipalType.AGENT)
                + (agentId == null ? "" : " and " + m + ".principal = " + parameter(agentId)) + ")";
    }

    private String groupExists(String roleId) {
        String g = "g" + subqueries++;
        return "exists (select " + g + " from RoleAssignment " + g + " where " + g + ".principal = " + target.alias
                + ".id and " + g + ".principalType = " + parameter(PrincipalType.AGENT)
                + (roleId == null ? "" : " and " + g + ".roleId = " + parameter(roleId)) + ")";
    }

    private String parameter(Object value) {
        String name = "p" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    private static boolean isOrdering(FilterType type) {
        return type == FilterType.GREATER_THAN
                || type == FilterType.GREATER_OR_EQUAL
                || type == FilterType.LESS_THAN
                || type == FilterType.LESS_OR_EQUAL;
    }

    private static String operator(FilterType type) {
        return switch (type) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case GREATER_THAN -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS_THAN -> "<";
            case LESS_OR_EQUAL -> "<=";
            default -> throw ScimProblem.invalidFilter("Operator " + type + " does not apply here.");
        };
    }

    /** LIKE pattern text with {@code !} as the escape character. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static Boolean bool(ValueNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue();
            if ("true".equalsIgnoreCase(text)) {
                return true;
            }
            if ("false".equalsIgnoreCase(text)) {
                return false;
            }
        }
        return null;
    }

    static AuthorityTier tier(String text) {
        for (AuthorityTier tier : AuthorityTier.values()) {
            if (tier.name().equalsIgnoreCase(text)) {
                return tier;
            }
        }
        return null;
    }
}
