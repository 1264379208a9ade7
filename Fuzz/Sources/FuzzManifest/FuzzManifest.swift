import ConnectorJSON
import ConnectorManifest
import ConnectorModel
import Foundation
import FuzzSupport

/// The manifest loader on one file of arbitrary bytes, as `file-connector validate FILE` reads it: UTF-8 and size
/// checks, YAML or JSON parsing with located values, `${VAR}` substitution, the kind, schema and semantic checks,
/// endpoint decoding, and the text, JSON and JUnit reports.
///
/// Input: byte 0 bit 0 picks the file's extension (`.json` or `.yaml`), bit 1 skips endpoint decoding; the rest
/// is the file. Checked: every document that passes validation decodes to an endpoint (one that did not would
/// vanish from the desired state, and be pruned); the JSON report parses as JSON; the JUnit report holds no
/// character XML 1.0 forbids.
@_cdecl("FuzzManifest_main")
public func fuzzManifestMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzerDriver.run(argc, argv, testOneInput: fuzzManifest)
}

/// One loader and one scratch directory for the whole run.
let loader: ManifestLoader = {
    do {
        return try ManifestLoader(environment: [
            "HOME": "/home/fuzz", "DATA_DIR": "/srv/data", "DRIVE_FOLDER": "1AbCdEfGhIjK", "EMPTY": "",
            "MULTILINE": "a\nb", "BRACES": "${HOME}",
        ])
    } catch {
        fatalError("the bundled schema does not compile: \(error)")
    }
}()

let directory: String = {
    let path = NSTemporaryDirectory() + "/fuzz-manifest-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(FuzzerDriver.bytes(data, size))
    let flags = input.byte()
    let path = directory + (flags & 1 == 0 ? "/manifest.yaml" : "/manifest.json")
    guard FileManager.default.createFile(atPath: path, contents: Data(input.rest)) else {
        fatalError("cannot write \(path)")
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = loader.load(paths: [path])
    for entry in result.entries where entry.index != nil && entry.isValid && entry.endpoint == nil {
        fatalError("document \(entry.index ?? -1) (line \(entry.line)) passed validation but decodes to no endpoint")
    }
    _ = result.renderText(color: true)
    let json = result.renderJSON()
    do {
        _ = try JSONParser.parse(json)
    } catch {
        fatalError("the JSON report is not JSON: \(error)\n\(json)")
    }
    let junit = result.renderJUnit()
    if let bad = junit.unicodeScalars.first(where: isForbiddenInXML) {
        fatalError("the JUnit report holds U+\(String(bad.value, radix: 16, uppercase: true)), which XML 1.0 forbids")
    }
    let encoder = JSONEncoder()
    for endpoint in result.endpoints {
        _ = try? encoder.encode(endpoint.spec)
    }
    return 0
}

/// Characters outside XML 1.0's `Char` production.
func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: false
    case 0..<0x20, 0xFFFE, 0xFFFF: true
    default: false
    }
}
