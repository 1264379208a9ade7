import ConnectorDaemon
import ConnectorModel
import ConnectorTestSupport
import Foundation
import Testing

/// Hot reload: edits and a Kubernetes ConfigMap swap are applied within a second; an invalid change keeps the last
/// good state, retires nothing, and shows on `/readyz` and in the metrics.
@Suite(.timeLimit(.minutes(2))) struct DaemonReloadTests {
    @Test func anEditIsAppliedAndAnInvalidOneKeepsTheLastGoodState() async throws {
        try await DaemonHarness.run(manifests: ["alpha.yaml": localManifest("alpha")]) { daemon in
            try daemon.directory.write("manifests/alpha.yaml", localManifest("alpha", interval: "5m"))
            try await eventually("the edit applied") { try await daemon.endpoint("alpha")?.spec.contains(#""5m""#) == true }

            try daemon.directory.write("manifests/alpha.yaml", localManifest("alpha", interval: "5m") + "  bogus: [\n")
            try await eventually("the invalid change seen") { daemon.daemon.status.lastReconcile?.result == "invalid" }
            let ready = try await daemon.request(.GET, "/readyz")
            #expect(ready.status == 503)
            #expect(ready.body.contains("alpha.yaml:"), "the located error is in the readiness detail: \(ready.body)")
            #expect(try await daemon.request(.GET, "/metrics").body.contains("fileconnector_manifest_errors 1"))
            let kept = try #require(try await daemon.endpoint("alpha"))
            #expect(kept.state == .active && kept.spec.contains(#""5m""#), "nothing retired or changed")

            try FileManager.default.removeItem(atPath: daemon.directory.url("manifests/alpha.yaml"))
            try daemon.directory.write("manifests/beta.yaml", localManifest("beta") + "  bogus: [\n")
            try await eventually("the second invalid change seen") {
                daemon.daemon.status.lastReconcile?.detail.contains { $0.contains("beta.yaml") } == true
            }
            #expect(try await daemon.endpoint("alpha")?.state == .active, "an invalid change retires nothing")

            try daemon.directory.write("manifests/beta.yaml", localManifest("beta"))
            try daemon.directory.write("manifests/alpha.yaml", localManifest("alpha"))
            try await eventually("good again") { try await daemon.request(.GET, "/readyz").status == 200 }
            #expect(try await daemon.endpoint("beta")?.state == .active)
        }
    }

    @Test func aConfigMapSwapIsApplied() async throws {
        try await DaemonHarness.run(manifests: [:]) { daemon in
            let mount = daemon.directory.url("manifests")
            try daemon.directory.write("manifests/..2026_11_29_03_00_00.000000001/alpha.yaml", localManifest("alpha"))
            try daemon.directory.symlink("manifests/..data", to: "..2026_11_29_03_00_00.000000001")
            try daemon.directory.symlink("manifests/alpha.yaml", to: "..data/alpha.yaml")
            try await eventually("the first projection applied") { try await daemon.endpoint("alpha") != nil }

            // The kubelet's AtomicWriter: new timestamped directory, ..data_tmp renamed over ..data, new key links, old directory removed.
            let next = "..2026_11_29_03_05_00.000000002"
            try daemon.directory.write("manifests/\(next)/alpha.yaml", localManifest("alpha", interval: "5m"))
            try daemon.directory.write("manifests/\(next)/beta.yaml", localManifest("beta"))
            try daemon.directory.symlink("manifests/..data_tmp", to: next)
            let started = ContinuousClock.now
            #expect(rename(mount + "/..data_tmp", mount + "/..data") == 0)
            try daemon.directory.symlink("manifests/beta.yaml", to: "..data/beta.yaml")
            try FileManager.default.removeItem(atPath: mount + "/..2026_11_29_03_00_00.000000001")
            try await eventually("the swap applied") {
                let beta = try await daemon.endpoint("beta")
                return try await daemon.endpoint("alpha")?.spec.contains(#""5m""#) == true && beta != nil
            }
            // The latency target (median under 300 ms) is measured by scripts/bench/daemon.sh, not here: the
            // suite runs in parallel and a loaded machine must not fail it. This only says the swap was not missed
            // and found by the periodic reconcile instead.
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }
}
