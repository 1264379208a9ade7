import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport
import Foundation
import Testing

/// The rules the schema cannot express (docs/manifests.md).
@Suite struct SemanticCheckTests {
    @Test func validManifestDecodesToAnEndpoint() throws {
        let (result, _) = try loadOne(validLocalEndpoint)
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        let endpoint = try #require(result.endpoints.first)
        #expect(endpoint.name == "photos")
        #expect(endpoint.spec.provider == .local)
        #expect(endpoint.spec.local?.path == "./data")
        #expect(endpoint.spec.schedule.interval == "15m")
        #expect(endpoint.origin.line == 1)
    }

    @Test func duplicateNamesAcrossFilesNameBothPlaces() throws {
        let (result, _) = try load(["a.yaml": validLocalEndpoint, "b/c.yaml": validLocalEndpoint])
        let errors = result.errors.filter { $0.code == "duplicate-name" }
        #expect(errors.count == 2)
        #expect(errors.contains { $0.location.file.hasSuffix("a.yaml") && $0.message.contains("b/c.yaml:4") })
        #expect(errors.contains { $0.location.file.hasSuffix("b/c.yaml") && $0.message.contains("a.yaml:4") })
        #expect(result.endpoints.isEmpty, "atomic input: nothing is applied when anything is invalid")
    }

    @Test func providerBlockMustMatchProvider() throws {
        let text = validLocalEndpoint.replacingOccurrences(of: "provider: local", with: "provider: google-drive")
        let (result, _) = try loadOne(text)
        let messages = result.errors.map(\.message)
        #expect(messages.contains("provider is google-drive, so spec.googleDrive is required"))
        #expect(messages.contains { $0.contains("the local block does not apply") })
        #expect(messages.contains("provider google-drive needs spec.credentials (fromEnv or fromFile)"))
    }

    @Test(arguments: [
        ("interval: 10s", "expected a duration from 30s to 720h, got 10s"),
        ("interval: fast", "expected a duration such as 15m or 1h30m, got \"fast\""),
        ("cron: \"61 * * * *\"", "minute"),
        ("cron: \"* * * *\"", "5 fields"),
        ("interval: 15m\n    cron: \"@daily\"", "expected exactly one of interval, cron or manual"),
        ("cron: \"@daily\"\n    timezone: Europe/Berln", "Europe/Berlin"),
        ("interval: 15m\n    timezone: UTC", "timezone applies only to cron schedules"),
        ("manual: false", "expected"),
    ])
    func scheduleRules(schedule: String, expected: String) throws {
        let text = validLocalEndpoint.replacingOccurrences(of: "interval: 15m", with: schedule)
        let (result, _) = try loadOne(text)
        #expect(!result.isValid)
        #expect(result.errors.contains { $0.message.contains(expected) }, "\(result.errors.map(\.rendered))")
        #expect(result.errors.allSatisfy { $0.location.line >= 9 }, "\(result.errors.map(\.rendered))")
    }

    @Test func cronWithAnIANAZoneIsValid() throws {
        let text = validLocalEndpoint.replacingOccurrences(
            of: "interval: 15m", with: "cron: \"*/15 6-20 * * MON-FRI\"\n    timezone: America/New_York")
        let (result, _) = try loadOne(text)
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        #expect(result.endpoints.first?.spec.schedule.timezone == "America/New_York")
    }

    @Test func syncDurationsAreRangeChecked() throws {
        let text = validLocalEndpoint + "  sync:\n    fullResyncEvery: 30s\n    timeout: 48h\n"
        let (result, _) = try loadOne(text)
        #expect(result.errors.map(\.pointer?.description) == ["/spec/sync/fullResyncEvery", "/spec/sync/timeout"])
    }

    @Test func filterBoundsAndGlobs() throws {
        let text = validLocalEndpoint + "  filters:\n    include: [\"[abc\", \"/abs/**\"]\n    minSizeBytes: 10\n    maxSizeBytes: 5\n"
        let (result, _) = try loadOne(text)
        let messages = result.errors.map(\.message)
        #expect(messages.contains { $0.contains("a [ is never closed") })
        #expect(messages.contains { $0.contains("do not start with /") })
        #expect(messages.contains { $0.contains("smaller than minSizeBytes") })
    }

    @Test func unknownPropertiesAreLocatedAtTheProperty() throws {
        let text = validLocalEndpoint.replacingOccurrences(of: "    path: ./data\n", with: "    path: ./data\n    recursive: true\n")
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first)
        #expect(error.pointer?.description == "/spec/local/recursive")
        #expect(error.location.line == 9)
        #expect(error.message.contains("recursive"))
    }
}

/// Secrets never belong in a manifest, and the error never repeats them.
@Suite struct InlineSecretTests {
    static let canary = "CANARY-SECRET-d41d8cd98f00b204"

    @Test(arguments: [
        "  credentials:\n    private_key: \"\(canary)\"\n",
        "  credentials:\n    client_secret: \(canary)\n",
        "  token: \"Bearer \(canary)\"\n",
    ])
    func secretFieldsAreRejectedWithoutEchoing(extra: String) throws {
        let (result, _) = try loadOne(validLocalEndpoint + extra)
        #expect(result.errors.contains { $0.code == "inline-secret" })
        let rendered = result.renderText() + result.renderJSON() + result.renderJUnit()
        #expect(!rendered.contains(Self.canary))
    }

    @Test func pemBlocksAnywhereAreRejected() throws {
        let pem = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"
        let text = validLocalEndpoint.replacingOccurrences(of: "name: photos", with: "name: photos\n  labels:\n    key: \"\(pem)\"")
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first { $0.code == "inline-secret" })
        #expect(error.pointer?.description == "/metadata/labels/key")
        #expect(error.message.contains("PEM private key"))
        #expect(!result.renderText().contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
    }

    @Test func jwtInAFolderIdIsNotQuotedBySchemaMessages() throws {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
        let text = validLocalEndpoint.replacingOccurrences(of: "path: ./data", with: "path: \"\(jwt)\"")
        let (result, _) = try loadOne(text)
        #expect(result.errors.contains { $0.code == "inline-secret" })
        #expect(!result.renderText().contains(jwt))
    }
}
