package dev.mandate.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.http.ScimJson;
import java.util.List;

/**
 * The core User, Group and Enterprise User schemas as RFC 7643 section 8.7.1 gives them: every
 * attribute with its sub-attributes, description and characteristics (type, multiValued, required,
 * caseExact, mutability, returned, uniqueness, canonical values, reference types). Mandate keeps and
 * returns every one of these attributes; where it is stricter (userName's characters, a Group's unique and
 * required displayName, Users only as members), the README says so.
 */
final class CoreSchemas {

    private static final String BARBARA = " given the full name 'Ms. Barbara J Jensen, III')";
    private static final String READ_ONLY_DISPLAY =
            "A human-readable name, primarily used for display purposes.  READ-ONLY.";
    private static final String PRIMARY_ONCE = "  The primary attribute value 'true' MUST appear no more than once.";

    private CoreSchemas() {}

    static ObjectNode user() {
        ObjectNode schema = Schemas.schema(ScimSchemas.USER, "User", "User Account");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(string(
                        "userName",
                        "Unique identifier for the User, typically used by the user to directly authenticate to the"
                                + " service provider.  Each User MUST include a non-empty userName value.  This"
                                + " identifier MUST be unique across the service provider's entire set of Users."
                                + "  REQUIRED.")
                .put("required", true)
                .put("uniqueness", "server"));
        attributes.add(complex(
                "name",
                false,
                "The components of the user's real name.  Providers MAY return just the full name as a single"
                        + " string in the formatted sub-attribute, or they MAY return just the individual component"
                        + " attributes using the other sub-attributes, or they MAY return both.  If both variants"
                        + " are returned, they SHOULD be describing the same name, with the formatted name"
                        + " indicating how the component attributes should be combined.",
                string(
                        "formatted",
                        "The full name, including all middle names, titles, and suffixes as appropriate, formatted"
                                + " for display (e.g., 'Ms. Barbara J Jensen, III')."),
                string(
                        "familyName",
                        "The family name of the User, or last name in most Western languages (e.g., 'Jensen'" + BARBARA
                                + "."),
                string(
                        "givenName",
                        "The given name of the User, or first name in most Western languages (e.g., 'Barbara'" + BARBARA
                                + "."),
                string("middleName", "The middle name(s) of the User (e.g., 'Jane'" + BARBARA + "."),
                string(
                        "honorificPrefix",
                        "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.'"
                                + BARBARA + "."),
                string(
                        "honorificSuffix",
                        "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III'"
                                + BARBARA + ".")));
        attributes.add(string(
                "displayName",
                "The name of the User, suitable for display to end-users.  The name SHOULD be the full name of the"
                        + " User being described, if known."));
        attributes.add(string(
                "nickName",
                "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'.  This"
                        + " attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or"
                        + " 'mpepperidge')."));
        attributes.add(reference(
                "profileUrl",
                "A fully qualified URL pointing to a page representing the User's online profile.",
                "external"));
        attributes.add(string("title", "The user's title, such as \"Vice President.\""));
        attributes.add(string(
                "userType",
                "Used to identify the relationship between the organization and the user.  Typical values used"
                        + " might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any"
                        + " value may be used."));
        attributes.add(string(
                "preferredLanguage",
                "Indicates the User's preferred written or spoken language.  Generally used for selecting a"
                        + " localized user interface; e.g., 'en_US' specifies the language English and country"
                        + " US."));
        attributes.add(string(
                "locale",
                "Used to indicate the User's default location for purposes of localizing items such as currency,"
                        + " date time format, or numerical representations."));
        attributes.add(string(
                "timezone",
                "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."));
        attributes.add(attribute("active", "boolean", "A Boolean value indicating the User's administrative status."));
        attributes.add(string(
                        "password",
                        "The User's cleartext password.  This attribute is intended to be used as a means to specify"
                                + " an initial password when creating a new User or to reset an existing User's"
                                + " password.")
                .put("mutability", "writeOnly")
                .put("returned", "never"));
        String emailValue = "Email addresses for the user.  The value SHOULD be canonicalized by the service provider,"
                + " e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.  Canonical type values of 'work',"
                + " 'home', and 'other'.";
        attributes.add(multi(
                "emails",
                emailValue,
                string("value", emailValue),
                string("display", READ_ONLY_DISPLAY),
                typed("A label indicating the attribute's function, e.g., 'work' or 'home'.", "work", "home", "other"),
                primary("e.g., the preferred mailing address or primary email address")));
        attributes.add(multi(
                "phoneNumbers",
                "Phone numbers for the User.  The value SHOULD be canonicalized by the service provider according"
                        + " to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'.  Canonical type values"
                        + " of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
                string("value", "Phone number of the User."),
                string("display", READ_ONLY_DISPLAY),
                typed(
                        "A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.",
                        "work",
                        "home",
                        "mobile",
                        "fax",
                        "pager",
                        "other"),
                primary("e.g., the preferred phone number or primary phone number")));
        attributes.add(multi(
                "ims",
                "Instant messaging addresses for the User.",
                string("value", "Instant messaging address for the User."),
                string("display", READ_ONLY_DISPLAY),
                typed(
                        "A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.",
                        "aim",
                        "gtalk",
                        "icq",
                        "xmpp",
                        "msn",
                        "skype",
                        "qq",
                        "yahoo"),
                primary("e.g., the preferred messenger or primary messenger")));
        attributes.add(multi(
                "photos",
                "URLs of photos of the User.",
                reference("value", "URL of a photo of the User.", "external"),
                string("display", READ_ONLY_DISPLAY),
                typed(
                        "A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.",
                        "photo",
                        "thumbnail"),
                primary("e.g., the preferred photo or thumbnail")));
        attributes.add(multi(
                "addresses",
                "A physical mailing address for this User.  Canonical type values of 'work', 'home', and 'other'."
                        + "  This attribute is a complex type with the following sub-attributes.",
                string(
                        "formatted",
                        "The full mailing address, formatted for display or use with a mailing label.  This"
                                + " attribute MAY contain newlines."),
                string(
                        "streetAddress",
                        "The full street address component, which may include house number, street name, P.O. box,"
                                + " and multi-line extended street address information.  This attribute MAY contain"
                                + " newlines."),
                string("locality", "The city or locality component."),
                string("region", "The state or region component."),
                string("postalCode", "The zip code or postal code component."),
                string("country", "The country name component."),
                typed(
                        "A label indicating the attribute's function, e.g., 'work' or 'home'.",
                        "work",
                        "home",
                        "other")));
        attributes.add(readOnly(multi(
                "groups",
                "A list of groups to which the user belongs, either through direct membership, through nested"
                        + " groups, or dynamically calculated.",
                readOnly(string("value", "The identifier of the User's group.")),
                readOnly(reference(
                        "$ref",
                        "The URI of the corresponding 'Group' resource to which the user belongs.",
                        "User",
                        "Group")),
                readOnly(string("display", READ_ONLY_DISPLAY)),
                readOnly(typed(
                        "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.",
                        "direct",
                        "indirect")))));
        attributes.add(multi(
                "entitlements",
                "A list of entitlements for the User that represent a thing the User has.",
                string("value", "The value of an entitlement."),
                string("display", READ_ONLY_DISPLAY),
                string("type", "A label indicating the attribute's function."),
                primary(null)));
        attributes.add(multi(
                "roles",
                "A list of roles for the User that collectively represent who the User is, e.g., 'Student',"
                        + " 'Faculty'.",
                string("value", "The value of a role."),
                string("display", READ_ONLY_DISPLAY),
                string("type", "A label indicating the attribute's function."),
                primary(null)));
        attributes.add(multi(
                "x509Certificates",
                "A list of certificates issued to the User.",
                attribute("value", "binary", "The value of an X.509 certificate."),
                string("display", READ_ONLY_DISPLAY),
                string("type", "A label indicating the attribute's function."),
                primary(null)));
        return schema;
    }

    static ObjectNode group() {
        ObjectNode schema = Schemas.schema(ScimSchemas.GROUP, "Group", "Group");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(string("displayName", "A human-readable name for the Group.  REQUIRED."));
        attributes.add(multi(
                "members",
                "A list of members of the Group.",
                immutable(string("value", "Identifier of the member of this Group.")),
                immutable(reference(
                        "$ref",
                        "The URI corresponding to a SCIM resource that is a member of this Group.",
                        "User",
                        "Group")),
                immutable(
                        typed("A label indicating the type of resource, e.g., 'User' or 'Group'.", "User", "Group"))));
        return schema;
    }

    static ObjectNode enterpriseUser() {
        ObjectNode schema = Schemas.schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(string(
                "employeeNumber",
                "Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or"
                        + " association with an organization."));
        attributes.add(string("costCenter", "Identifies the name of a cost center."));
        attributes.add(string("organization", "Identifies the name of an organization."));
        attributes.add(string("division", "Identifies the name of a division."));
        attributes.add(string("department", "Identifies the name of a department."));
        attributes.add(complex(
                "manager",
                false,
                "The User's manager.  A complex type that optionally allows service providers to represent"
                        + " organizational hierarchy by referencing the 'id' attribute of another User.",
                string("value", "The id of the SCIM resource representing the User's manager.  REQUIRED."),
                reference("$ref", "The URI of the SCIM resource representing the User's manager.  REQUIRED.", "User"),
                readOnly(string("displayName", "The displayName of the User's manager.  OPTIONAL and READ-ONLY."))));
        return schema;
    }

    /** Every attribute's characteristics, with RFC 7643 section 7's defaults. */
    private static ObjectNode attribute(String name, String type, String description) {
        ObjectNode attribute = ScimJson.object();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", false);
        attribute.put("description", description);
        attribute.put("required", false);
        attribute.put("caseExact", false);
        attribute.put("mutability", "readWrite");
        attribute.put("returned", "default");
        attribute.put("uniqueness", "none");
        return attribute;
    }

    private static ObjectNode string(String name, String description) {
        return attribute(name, "string", description);
    }

    private static ObjectNode reference(String name, String description, String... referenceTypes) {
        ObjectNode attribute = attribute(name, "reference", description);
        ArrayNode types = attribute.putArray("referenceTypes");
        List.of(referenceTypes).forEach(types::add);
        return attribute;
    }

    private static ObjectNode typed(String description, String... canonicalValues) {
        ObjectNode attribute = string("type", description);
        ArrayNode values = attribute.putArray("canonicalValues");
        List.of(canonicalValues).forEach(values::add);
        return attribute;
    }

    private static ObjectNode primary(String example) {
        return attribute(
                "primary",
                "boolean",
                "A Boolean value indicating the 'primary' or preferred attribute value for this attribute"
                        + (example == null ? "." : ", " + example + ".") + PRIMARY_ONCE);
    }

    private static ObjectNode complex(String name, boolean multiValued, String description, ObjectNode... subs) {
        ObjectNode attribute = attribute(name, "complex", description);
        attribute.put("multiValued", multiValued);
        ArrayNode subAttributes = attribute.putArray("subAttributes");
        List.of(subs).forEach(subAttributes::add);
        return attribute;
    }

    private static ObjectNode multi(String name, String description, ObjectNode... subs) {
        return complex(name, true, description, subs);
    }

    private static ObjectNode readOnly(ObjectNode attribute) {
        return attribute.put("mutability", "readOnly");
    }

    private static ObjectNode immutable(ObjectNode attribute) {
        return attribute.put("mutability", "immutable");
    }
}
