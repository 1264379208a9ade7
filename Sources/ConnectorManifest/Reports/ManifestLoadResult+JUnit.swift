import ConnectorModel

extension ManifestLoadResult {
    /// A JUnit XML report: one `<testsuite>` per file, one `<testcase>` per manifest, a `<failure>`
    /// per invalid manifest listing its errors. GitLab, Jenkins and GitHub test reporters read it.
    public func renderJUnit() -> String {
        var files: [String] = []
        var byFile: [String: [ValidatedDocument]] = [:]
        for entry in entries where entry.countsAsManifest {
            if byFile[entry.file] == nil { files.append(entry.file) }
            byFile[entry.file, default: []].append(entry)
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"file-connector validate\" tests=\"\(manifestCount)\" failures=\"\(invalidCount)\">\n"
        for file in files {
            let cases = byFile[file] ?? []
            let failures = cases.filter { !$0.isValid }.count
            xml += "  <testsuite name=\"\(Self.escape(file))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
            for entry in cases {
                let name =
                    entry.name.map { "\(entry.kind ?? "manifest")/\($0)" }
                    ?? (entry.index.map { "document \($0 + 1)" } ?? "file")
                xml += "    <testcase classname=\"\(Self.escape(file))\" name=\"\(Self.escape(name))\""
                let errors = entry.diagnostics.filter { $0.severity == .error }
                if errors.isEmpty {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                let first = Self.escape(errors[0].message)
                let body = Self.escape(errors.map(\.rendered).joined(separator: "\n"))
                xml += "      <failure message=\"\(first)\" type=\"invalid\">\(body)</failure>\n"
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// XML-escapes text for attributes and content; control characters XML cannot carry become U+FFFD.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\n", "\t", "\r": output.unicodeScalars.append(scalar)
            default:
                output.unicodeScalars.append(scalar.value < 0x20 ? "\u{FFFD}" : scalar)
            }
        }
        return output
    }
}
