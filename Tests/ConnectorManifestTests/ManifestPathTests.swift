import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport
import Foundation
import Testing

/// How paths become files: directories, hidden entries, ConfigMap mounts, JSON, multi-document YAML.
@Suite struct ManifestPathTests {
    @Test func kubernetesConfigMapMountIsReadOnce() throws {
        // The layout the kubelet writes: a timestamped directory, ..data pointing at it,
        // and one visible symlink per key pointing through ..data.
        let directory = try TemporaryDirectory()
        let stamp = "..2026_11_29_01_00_00.123456789"
        try directory.write("\(stamp)/photos.yaml", validLocalEndpoint)
        try directory.write("\(stamp)/models.yaml", validLocalEndpoint.replacingOccurrences(of: "photos", with: "models"))
        try directory.symlink("..data", to: stamp)
        try directory.symlink("photos.yaml", to: "..data/photos.yaml")
        try directory.symlink("models.yaml", to: "..data/models.yaml")
        let result = try ManifestLoader(environment: [:]).load(paths: [directory.path])
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        #expect(result.endpoints.map(\.name).sorted() == ["models", "photos"])
        #expect(result.entries.allSatisfy { !$0.file.contains("..") })
    }

    @Test func directoriesAreReadRecursivelyInNameOrderSkippingOtherFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b/two.yml", validLocalEndpoint.replacingOccurrences(of: "photos", with: "two"))
        try directory.write("a/one.yaml", validLocalEndpoint.replacingOccurrences(of: "photos", with: "one"))
        try directory.write("notes.txt", "not a manifest")
        try directory.write(".hidden.yaml", "garbage: [")
        let result = try ManifestLoader(environment: [:]).load(paths: [directory.path])
        #expect(result.isValid)
        #expect(result.endpoints.map(\.name) == ["one", "two"])
    }

    @Test func multiDocumentFilesCountEachDocument() throws {
        let text = validLocalEndpoint + "---\n" + validLocalEndpoint.replacingOccurrences(of: "photos", with: "second") + "---\n"
        let (result, _) = try loadOne(text)
        #expect(result.manifestCount == 2)
        #expect(result.endpoints.map(\.name) == ["photos", "second"])
        #expect(result.endpoints[1].origin.line == 12)
    }

    @Test func errorsInLaterDocumentsPointAtTheirLines() throws {
        let second = validLocalEndpoint.replacingOccurrences(of: "interval: 15m", with: "interval: soon")
            .replacingOccurrences(of: "name: photos", with: "name: later")
        let text = validLocalEndpoint + "---\n" + second
        let (result, _) = try loadOne(text)
        #expect(result.validCount == 1)
        #expect(result.invalidCount == 1)
        #expect(result.errors.first?.location.line == 21)
    }

    @Test func jsonManifestsAreLocated() throws {
        let json = """
            {
              "apiVersion": "fileconnector/v1",
              "kind": "Endpoint",
              "metadata": {"name": "from-json"},
              "spec": {"provider": "local", "local": {"path": "/data"}, "schedule": {"interval": 5}}
            }
            """
        let (result, _) = try load(["endpoint.json": json])
        let error = try #require(result.errors.first)
        #expect(error.pointer?.description == "/spec/schedule/interval")
        #expect(error.location.line == 5)
        #expect(error.message.contains("got"))
    }

    @Test func yamlOneOneBooleansStayStrings() throws {
        let text = validLocalEndpoint.replacingOccurrences(
            of: "name: photos", with: "name: photos\n  labels:\n    country: NO\n    enabled: yes")
        let (result, _) = try loadOne(text)
        #expect(result.isValid, "\(result.diagnostics.map(\.rendered))")
        #expect(result.endpoints.first?.labels == ["country": "NO", "enabled": "yes"])
    }
}
