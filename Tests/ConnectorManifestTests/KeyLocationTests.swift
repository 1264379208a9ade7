import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport
import Testing

/// Errors about a key point at the key's line and column, not at the first line of its value.
@Suite struct KeyLocationTests {
    @Test func aPropertyThatIsNotAllowedIsReportedAtItsKey() throws {
        // `schedul:` on line 9, its mapping value from line 10.
        let text = """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata:
              name: photos
            spec:
              provider: local
              local:
                path: ./data
              schedul:
                interval: 15m
              schedule:
                interval: 15m

            """
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first { $0.message.contains("\"schedul\" is not allowed") })
        #expect(error.location.line == 9)
        #expect(error.location.column == 3)
    }

    @Test func aPropertyThatIsNotAllowedInJSONIsReportedAtItsKey() throws {
        let text = """
            {"apiVersion": "fileconnector/v1", "kind": "Endpoint", "metadata": {"name": "photos"},
             "spec": {"provider": "local", "local": {"path": "./data"}, "schedule": {"interval": "15m"},
              "extra":
                {"a": 1}}}
            """
        let (result, _) = try load(["manifest.json": text])
        let error = try #require(result.errors.first { $0.message.contains("\"extra\" is not allowed") })
        #expect(error.location.line == 3)
        #expect(error.location.column == 3)
    }

    @Test func aBlockThatDoesNotApplyAndAScheduleFormTooManyAreReportedAtTheirKeys() throws {
        let text = """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata:
              name: photos
            spec:
              provider: local
              local:
                path: ./data
              googleDrive:
                folderId: abc
              schedule:
                interval: 15m
                cron:
                  "0 * * * *"

            """
        let (result, _) = try loadOne(text)
        let block = try #require(result.errors.first { $0.code == "provider-block" })
        #expect(block.location.line == 9 && block.location.column == 3, "\(block.location)")
        let schedule = try #require(result.errors.first { $0.code == "schedule" })
        #expect(schedule.location.line == 13 && schedule.location.column == 5, "\(schedule.location)")
    }

    @Test func anErrorAboutAValueStaysAtTheValue() throws {
        let text = validLocalEndpoint.replacingOccurrences(of: "interval: 15m", with: "interval:\n      fast")
        let (result, _) = try loadOne(text)
        let error = try #require(result.errors.first)
        #expect(error.location.line == 11, "\(error.location)")
    }
}
