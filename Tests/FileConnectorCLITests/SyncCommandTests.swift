import ConnectorJSON
import ConnectorTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Syncs end to end with the real binary: reconcile runs the due syncs, `sync` runs one, and
/// interrupted syncs (SIGKILL, SIGTERM) leave a catalog that the next sync completes exactly.
@Suite(.serialized) struct SyncCommandTests {
    struct Tree: Sendable {
        let directory: TemporaryDirectory
        var data: String { directory.url("data") }
        var database: String { directory.url("catalog.db") }

        init(files: Int = 0) throws {
            directory = try TemporaryDirectory()
            try directory.write("manifests/tree.yaml", localEndpoint("tree", path: "../data"))
            try directory.makeDirectory("data")
            for index in 0..<files {
                try directory.write("data/d\(index % 50)/f\(index).txt", "\(index)")
            }
        }

        func run(_ arguments: [String]) async throws -> CommandRunner.Outcome {
            try await fileConnector(["--database", database] + arguments, in: directory.path)
        }

        /// The catalog's files as `path → state`.
        func catalog() async throws -> [String: String] {
            let outcome = try await run(["get", "files", "--output", "json"])
            let files = try JSONParser.parse(outcome.standardOutput).value["files"]?.arrayValue ?? []
            var result: [String: String] = [:]
            for file in files {
                guard let path = file["path"]?.stringValue, let state = file["state"]?.stringValue else { continue }
                #expect(result[path] == nil, "no duplicate rows: \(path)")
                result[path] = state
            }
            return result
        }

        /// Every file under data/, relative.
        func sourceFiles() throws -> Set<String> {
            let enumerator = FileManager.default.enumerator(atPath: data)
            var result = Set<String>()
            while let path = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: data + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    result.insert(path)
                }
            }
            return result
        }
    }

    @Test func reconcileSyncsAndLaterSyncsSeeEveryChange() async throws {
        let tree = try Tree()
        try tree.directory.write("data/keep.txt", "keep")
        try tree.directory.write("data/change.txt", "v1")
        try tree.directory.write("data/delete.txt", "gone soon")
        let first = try await tree.run(["reconcile", "manifests"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("sync tree: succeeded (full"))
        #expect(first.standardError.contains("3 created"))
        await #expect(try tree.catalog() == ["keep.txt": "present", "change.txt": "present", "delete.txt": "present"])

        try tree.directory.write("data/change.txt", "version two")
        try tree.directory.write("data/new/added.txt", "new")
        try FileManager.default.removeItem(atPath: tree.data + "/delete.txt")
        let sync = try await tree.run(["sync", "tree"])
        #expect(sync.status == 0)
        #expect(sync.standardOutput.contains("1 created, 1 updated, 1 unchanged, 1 removed"), "\(sync.standardOutput)")
        await #expect(
            try tree.catalog() == ["keep.txt": "present", "change.txt": "present", "delete.txt": "removed", "new/added.txt": "present"])

        let runs = try await tree.run(["get", "runs", "tree", "--output", "json"])
        let list = try JSONParser.parse(runs.standardOutput).value["runs"]?.arrayValue ?? []
        #expect(list.map { $0["trigger"]?.stringValue } == ["manual", "reconcile"])
        #expect(list.allSatisfy { $0["status"] == "succeeded" && $0["correlationId"]?.stringValue?.isEmpty == false })
    }

    @Test func syncFromAnotherWorkingDirectoryFindsTheRelativeLocalPath() async throws {
        let tree = try Tree()
        try tree.directory.write("data/a.txt", "a")
        #expect(try await tree.run(["reconcile", "--no-sync", "manifests"]).status == 0)
        let elsewhere = try TemporaryDirectory()
        let sync = try await fileConnector(["--database", tree.database, "sync", "tree"], in: elsewhere.path)
        #expect(sync.status == 0, "\(sync.standardOutput)")
        #expect(sync.standardOutput.contains("1 created"))
    }

    @Test func syncOfAnUnknownEndpointExitsOneAndAFailedSyncExitsThree() async throws {
        let tree = try Tree()
        #expect(try await tree.run(["reconcile", "--no-sync", "manifests"]).status == 0)
        let unknown = try await tree.run(["sync", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no endpoint named \"nope\""))
        try FileManager.default.removeItem(atPath: tree.data)
        let failed = try await tree.run(["sync", "tree"])
        #expect(failed.status == 3)
        #expect(failed.standardOutput.contains("sync tree: failed"))
        #expect(failed.standardOutput.contains("does not exist"))
    }

    @Test(.timeLimit(.minutes(5)))
    func sigkillAtTwentyPointsThenSyncAgainGivesTheExactCatalog() async throws {
        let tree = try await onOwnThread { try Tree(files: 50_000) }
        #expect(try await tree.run(["reconcile", "--no-sync", "manifests"]).status == 0)
        let runner = try CommandRunner()
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for point in 0..<20 {
            let running = try runner.start(["--database", tree.database, "sync", "tree", "--full"], in: tree.directory.path)
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...400, using: &generator)))
            if running.signal(SIGKILL) { kills += 1 }
            _ = await running.finished()
            if point == 10 {  // change the source mid-way: the final catalog must follow it
                try FileManager.default.removeItem(atPath: tree.data + "/d3")
                try tree.directory.write("data/late/added.txt", "late")
            }
        }
        #expect(kills >= 15, "most runs were killed mid-sync")
        let final = try await tree.run(["sync", "tree"])
        #expect(final.status == 0, "\(final.standardOutput)\(final.standardError)")
        let catalog = try await tree.catalog()
        let present = Set(catalog.filter { $0.value == "present" }.keys)
        #expect(present == (try tree.sourceFiles()), "catalog equals the source: nothing lost, nothing extra")
        #expect(Set(catalog.filter { $0.value == "removed" }.keys).allSatisfy { $0.hasPrefix("d3/") })
        let check = try await CommandRunner(executable: "/usr/bin/env").run(
            [
                "python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
                tree.database,
            ])
        #expect(check.standardOutput == "ok\n", "\(check.standardError)")

        // The file events, replayed in order, give the catalog: none lost and none invented by the kills (a killed
        // page's events went with its rollback), each one possible where it stands (created once, then updated or
        // removed while present, restored while removed).
        let replay = try await CommandRunner(executable: "/usr/bin/env").run(["python3", "-c", Self.replayFileEvents, tree.database])
        #expect(replay.standardOutput == "ok\n", "\(replay.standardOutput)\(replay.standardError)")

        // The killed runs never recorded their end; each run after them ended them as interrupted.
        let runs =
            try JSONParser.parse(try await tree.run(["get", "runs", "--output", "json"]).standardOutput).value["runs"]?.arrayValue ?? []
        let unfinished = runs.filter { $0["status"]?.stringValue != "succeeded" }
        #expect(
            unfinished.allSatisfy { run in
                run["status"]?.stringValue == "failed" && run["error"]?.stringValue?.hasPrefix("interrupted:") == true
                    && run["finishedAt"]?.stringValue != nil
            }, "\(unfinished)")
        #expect(unfinished.count >= 10, "a killed process that had recorded its run left it to be ended: \(runs.count) runs")
    }

    /// Replays `change_events`' file events against a state per file and compares the result with `files`: prints
    /// `ok`, or the first impossible event or difference.
    static let replayFileEvents = """
        import json, sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        state, allowed = {}, {"file.created": None, "file.updated": "present", "file.removed": "present", "file.restored": "removed"}
        after = {"file.created": "present", "file.updated": "present", "file.removed": "removed", "file.restored": "present"}
        rows = db.execute("SELECT sequence, type, file_ids FROM change_events WHERE type LIKE 'file.%' ORDER BY sequence")
        for last, kind, ids in rows:
            ids = json.loads(ids)
            for sequence, file in enumerate(ids, last - len(ids) + 1):
                if state.get(file) != allowed[kind]:
                    sys.exit(f"event {sequence}: {kind} of {file} while it is {state.get(file)}")
                state[file] = after[kind]
        catalog = dict(db.execute("SELECT file_id, state FROM files"))
        if catalog != state:
            sys.exit(f"{len(set(catalog.items()) ^ set(state.items()))} files differ, e.g. {sorted(set(catalog.items()) ^ set(state.items()))[:3]}")
        print("ok")
        """

    @Test(.timeLimit(.minutes(2)))
    func sigtermCommitsTheCurrentPageAndRecordsTheRunAsCancelled() async throws {
        let tree = try await onOwnThread { try Tree(files: 30_000) }
        #expect(try await tree.run(["reconcile", "--no-sync", "manifests"]).status == 0)
        let running = try CommandRunner().start(["--database", tree.database, "sync", "tree"], in: tree.directory.path)
        try await Task.sleep(for: .milliseconds(300))
        running.signal(SIGTERM)
        let outcome = await running.finished()
        let runs =
            try JSONParser.parse(try await tree.run(["get", "runs", "--output", "json"]).standardOutput).value["runs"]?.arrayValue ?? []
        if outcome.standardOutput.contains("succeeded") {
            Issue.record("the sync finished before SIGTERM arrived; make the tree larger")
            return
        }
        #expect(outcome.status == 3)
        #expect(runs.first?["status"] == "cancelled")
        let committed = runs.first?["files"]?["created"]?.intValue ?? -1
        #expect(committed > 0 && committed % 1000 == 0, "whole pages committed: \(committed)")
        await #expect(try tree.catalog().count == committed)
    }
}

/// An entry the walk cannot read is reported with the run and skipped; the listing goes on past it (a page that
/// loses a file to it is not taken for the last page, which would end the listing and sweep the rest as removed).
@Suite struct UnreadableEntryTests {
    @Test func anUnreadableFileIsReportedAndTheListingGoesOn() async throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        try directory.write(
            "manifests/tree.yaml",
            """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata: {name: tree}
            spec:
              provider: local
              local: {path: ../data, checksums: true}
              schedule: {interval: 1h}
              sync: {pageSize: 2}
            """)
        for name in ["a.txt", "b.txt", "c.txt", "d.txt"] { try directory.write("data/\(name)", name) }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: directory.url("data/a.txt"))
        for path in ["manifests", "data"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.url(path))
        }
        let arguments = ["--database", directory.url("catalog.db"), "reconcile", "manifests"]
        let outcome =
            asNobody() != nil
            ? try await fileConnectorAsNobody(arguments, copyingInto: try TemporaryDirectory(), in: directory.path)
            : try await fileConnector(arguments, in: directory.path)
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardError.contains("a.txt"), "the unreadable file is reported: \(outcome.standardError)")
        let files = try await fileConnector(["--database", directory.url("catalog.db"), "get", "files", "-o", "csv"], in: directory.path)
        let paths = files.standardOutput.components(separatedBy: "\r\n").dropFirst().compactMap {
            $0.split(separator: ",").dropFirst(2).first
        }
        #expect(paths == ["b.txt", "c.txt", "d.txt"], "\(files.standardOutput)")
    }
}
