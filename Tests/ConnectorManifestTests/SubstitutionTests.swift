import ConnectorManifest
import ConnectorModel
import Testing

/// `${NAME}`, `${NAME:-default}` and `$${` (docs/manifests.md).
@Suite struct SubstitutionTests {
    let substitution = VariableSubstitution(environment: ["ENV": "prod", "EMPTY": "", "SIZE": "500"])

    @Test(arguments: [
        ("site-${ENV}", "site-prod"),
        ("${MISSING:-dev}", "dev"),
        ("${EMPTY:-fallback}", "fallback"),
        ("$${ENV}", "${ENV}"),
        ("cost $5 and ${ENV}", "cost $5 and prod"),
        ("no variables", "no variables"),
    ])
    func replacements(input: String, expected: String) throws {
        #expect(try substitution.apply(to: input).get() == expected)
    }

    @Test(arguments: [
        ("${", true), ("a${b}", true), ("$${", true), ("é$🙂${x}", true),
        ("", false), ("$", false), ("{$", false), ("$ {", false), ("cost $5", false), ("}{$", false),
    ])
    func aReferenceIsSeenWhereverItStarts(text: String, expected: Bool) {
        #expect(VariableSubstitution.mayApply(to: text) == expected)
    }

    @Test func unsetVariableWithoutDefaultIsAnError() {
        let result = substitution.apply(to: "${NOPE}")
        #expect(throws: VariableSubstitution.Failure.self) { try result.get() }
        if case .failure(let failure) = result { #expect(failure.message.contains("NOPE is not set")) }
    }

    @Test func badReferencesAreErrors() {
        #expect(throws: VariableSubstitution.Failure.self) { try substitution.apply(to: "${ENV").get() }
        #expect(throws: VariableSubstitution.Failure.self) { try substitution.apply(to: "${1X}").get() }
    }

    @Test func substitutedPlainScalarsAreTypedAfterSubstitution() throws {
        let text =
            validLocalEndpoint
            .replacingOccurrences(of: "name: photos", with: "name: photos-${ENV}")
            .replacingOccurrences(of: "  schedule:", with: "  suspend: ${SUSPEND:-false}\n  schedule:")
        let (result, _) = try loadOne(text, environment: ["ENV": "prod"])
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        #expect(result.endpoints.first?.name == "photos-prod")
        #expect(result.endpoints.first?.spec.suspend == false)
    }

    @Test func substitutionIsRefusedInCredentials() throws {
        let text = validLocalEndpoint.replacingOccurrences(
            of: "provider: local", with: "provider: local\n  credentials:\n    fromEnv: ${KEY_VAR}")
        let (result, _) = try loadOne(text, environment: ["KEY_VAR": "X"])
        let error = try #require(result.errors.first { $0.code == "substitution" })
        #expect(error.pointer?.description == "/spec/credentials/fromEnv")
        #expect(error.location.line == 8)
    }

    @Test func unsetVariableIsLocated() throws {
        let text = validLocalEndpoint.replacingOccurrences(of: "path: ./data", with: "path: ${DATA_DIR}")
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first)
        #expect(error.code == "substitution")
        #expect(error.location.line == 8)
        #expect(error.message.contains("DATA_DIR"))
    }
}
