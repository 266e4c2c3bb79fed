package dev.mandate.policy.control;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import java.util.List;
import java.util.Map;

/**
 * The CEL environment rules are written in: the variables {@code envelope, args, agent, task, budget,
 * context, rate} (each {@code map(string, dyn)}) and {@code now} (timestamp), the standard library with
 * its macros, and Mandate's host functions: {@code hostOf(string)}, {@code anyHostIn(dyn, list(string))},
 * {@code allHostsIn(dyn, list(string))}, and over a map and a dot path {@code present}, {@code valueAt},
 * {@code exceeds}, {@code missingAny}, {@code hostsOutside}, {@code hostsWithin} (see ArgumentFunctions). A rule must have type bool. Compiler and runtime are immutable
 * and thread-safe; one instance serves the whole application.
 */
public final class PolicyLanguage {

    /** Longest expression an admin may write (code points); generated template expressions may be longer. */
    public static final int MAX_AUTHORED_EXPRESSION = 4096;

    static final int MAX_EXPRESSION = 16384;
    static final int MAX_NESTING = 64;
    /** Bound on every comprehension (exists, all, map, filter) so no rule can loop for long. */
    static final int MAX_ITERATIONS = 10_000;

    public static final List<String> VARIABLES =
            List.of("envelope", "args", "agent", "task", "budget", "context", "rate", "now");

    private static final PolicyLanguage INSTANCE = new PolicyLanguage();

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    private PolicyLanguage() {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .maxExpressionCodePointSize(MAX_EXPRESSION)
                .maxParseRecursionDepth(MAX_NESTING)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxRegexProgramSize(1000)
                .build();
        MapType json = MapType.create(SimpleType.STRING, SimpleType.DYN);
        ListType strings = ListType.create(SimpleType.STRING);
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL)
                .addFunctionDeclarations(
                        CelFunctionDecl.newFunctionDeclaration(
                                "hostOf",
                                CelOverloadDecl.newGlobalOverload(
                                        "hostOf_string", SimpleType.STRING, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "anyHostIn",
                                CelOverloadDecl.newGlobalOverload(
                                        "anyHostIn_dyn_list", SimpleType.BOOL, SimpleType.DYN, strings)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "allHostsIn",
                                CelOverloadDecl.newGlobalOverload(
                                        "allHostsIn_dyn_list", SimpleType.BOOL, SimpleType.DYN, strings)),
                        function("present", SimpleType.BOOL, json, SimpleType.STRING),
                        function("valueAt", SimpleType.DYN, json, SimpleType.STRING),
                        function("exceeds", SimpleType.BOOL, json, SimpleType.STRING, SimpleType.DYN),
                        function("missingAny", SimpleType.BOOL, json, SimpleType.STRING),
                        function("hostsOutside", SimpleType.BOOL, json, SimpleType.STRING, SimpleType.STRING),
                        function("hostsWithin", SimpleType.BOOL, json, SimpleType.STRING, SimpleType.STRING));
        for (String variable : VARIABLES) {
            builder.addVar(variable, variable.equals("now") ? SimpleType.TIMESTAMP : json);
        }
        this.compiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                // CEL's matches with the compiled pattern kept (CachedRegex); the rest of the library as is
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES)
                        .build())
                .addFunctionBindings(
                        CelFunctionBinding.from(
                                "matches",
                                String.class,
                                String.class,
                                (text, regex) -> CachedRegex.matches(text, regex, options)),
                        CelFunctionBinding.from(
                                "matches_string",
                                String.class,
                                String.class,
                                (text, regex) -> CachedRegex.matches(text, regex, options)),
                        CelFunctionBinding.from("hostOf_string", String.class, Hosts::hostOf),
                        CelFunctionBinding.from(
                                "anyHostIn_dyn_list",
                                Object.class,
                                List.class,
                                (value, domains) -> Hosts.anyIn(value, domains)),
                        CelFunctionBinding.from(
                                "allHostsIn_dyn_list",
                                Object.class,
                                List.class,
                                (value, domains) -> Hosts.allIn(value, domains)),
                        CelFunctionBinding.from(
                                "present_map_string", Map.class, String.class, ArgumentFunctions::present),
                        CelFunctionBinding.from(
                                "valueAt_map_string", Map.class, String.class, ArgumentFunctions::valueAt),
                        CelFunctionBinding.from(
                                "exceeds_map_string_dyn",
                                List.of(Map.class, String.class, Object.class),
                                a -> ArgumentFunctions.exceeds((Map<?, ?>) a[0], (String) a[1], number(a[2]))),
                        CelFunctionBinding.from(
                                "missingAny_map_string", Map.class, String.class, ArgumentFunctions::missingAny),
                        CelFunctionBinding.from(
                                "hostsOutside_map_string_string",
                                List.of(Map.class, String.class, String.class),
                                a -> ArgumentFunctions.hostsOutside((Map<?, ?>) a[0], (String) a[1], (String) a[2])),
                        CelFunctionBinding.from(
                                "hostsWithin_map_string_string",
                                List.of(Map.class, String.class, String.class),
                                a -> ArgumentFunctions.hostsWithin((Map<?, ?>) a[0], (String) a[1], (String) a[2])))
                .build();
    }

    /** A global function with one overload, named {@code <name>_<param kinds>}. */
    private static CelFunctionDecl function(String name, CelType result, CelType... parameters) {
        StringBuilder id = new StringBuilder(name);
        for (CelType parameter : parameters) {
            id.append('_').append(parameter.kind() == CelKind.MAP ? "map" : parameter.name());
        }
        return CelFunctionDecl.newFunctionDeclaration(
                name, CelOverloadDecl.newGlobalOverload(id.toString(), result, parameters));
    }

    private static Object number(Object max) {
        if (max instanceof Long || max instanceof Double) {
            return max;
        }
        throw new IllegalArgumentException("the limit is not a number");
    }

    public static PolicyLanguage get() {
        return INSTANCE;
    }

    /**
     * Compiles (parses and type-checks) an expression into a program ready to evaluate.
     *
     * @throws RuleCompileException with the compiler's message when it does not compile
     */
    public CelRuntime.Program compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new RuleCompileException("the expression is empty");
        }
        if (expression.codePointCount(0, expression.length()) > MAX_EXPRESSION) {
            throw new RuleCompileException("the expression is longer than " + MAX_EXPRESSION + " characters");
        }
        CelAbstractSyntaxTree ast;
        try {
            CelValidationResult result = compiler.compile(expression, "rule");
            if (result.hasError()) {
                throw new RuleCompileException(result.getErrorString());
            }
            ast = result.getAst();
        } catch (CelValidationException invalid) {
            throw new RuleCompileException(invalid.getMessage());
        } catch (RuleCompileException invalid) {
            throw invalid;
        } catch (RuntimeException | StackOverflowError compilerFailure) {
            // the compiler must never take the caller down: whatever it throws is a rejected rule
            throw new RuleCompileException("the expression cannot be compiled: " + compilerFailure);
        }
        try {
            return runtime.createProgram(ast);
        } catch (CelEvaluationException | RuntimeException planFailure) {
            throw new RuleCompileException("the expression cannot be planned: " + planFailure.getMessage());
        }
    }
}
