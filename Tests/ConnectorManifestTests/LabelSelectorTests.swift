import ConnectorModel
import Testing

/// Label selectors against Kubernetes's own cases (apimachinery's `pkg/labels/selector_test.go`: which strings parse,
/// how they print, what they match), so `-l` means here what it means to kubectl.
@Suite struct LabelSelectorTests {
    static let good = ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"]
    static let bad = ["x=a||y=b", "x==a==b", "!x=a", "x<a"]

    @Test(arguments: good)
    func goodSelectorsParseAndPrintWithoutSpaces(text: String) throws {
        #expect(try LabelSelector(parsing: text).description == text.replacingOccurrences(of: " ", with: ""))
    }

    @Test(arguments: bad)
    func badSelectorsAreRefused(text: String) {
        #expect(throws: LabelSelectorError.self) { try LabelSelector(parsing: text) }
    }

    @Test func theOrderOfRequirementsDoesNotMatter() throws {
        #expect(try LabelSelector(parsing: "x=a,a=x").description == (try LabelSelector(parsing: "a=x,x=a").description))
    }

    @Test func matches() throws {
        func match(_ text: String, _ labels: [String: String]) throws -> Bool { try LabelSelector(parsing: text).matches(labels) }
        for (text, labels) in [
            ("", ["x": "y"]), ("x=y", ["x": "y"]), ("x=y,z=w", ["x": "y", "z": "w"]), ("x!=y,z!=w", ["x": "z", "z": "a"]),
            ("notin=in", ["notin": "in"]), ("x", ["x": "z"]), ("!x", ["y": "z"]), ("x>1", ["x": "2"]), ("x<1", ["x": "0"]),
            ("foo=bar", ["foo": "bar", "baz": "blah"]), ("baz=blah", ["foo": "bar", "baz": "blah"]),
            ("foo=bar,baz=blah", ["foo": "bar", "baz": "blah"]),
        ] {
            #expect(try match(text, labels), "\(text) matches \(labels)")
        }
        for (text, labels) in [
            ("x=z", [:]), ("x=y", ["x": "z"]), ("x=y,z=w", ["x": "w", "z": "w"]), ("x!=y,z!=w", ["x": "z", "z": "w"]),
            ("x", ["y": "z"]), ("!x", ["x": "z"]), ("x>1", ["x": "0"]), ("x<1", ["x": "2"]), ("foo=blah", ["foo": "bar", "baz": "blah"]),
            ("baz=bar", ["foo": "bar", "baz": "blah"]), ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"]),
        ] {
            #expect(try !match(text, labels), "\(text) does not match \(labels)")
        }
    }

    @Test func requirementsMatchAsKubernetesMatchesThem() {
        typealias R = LabelSelector.Requirement
        for (requirements, labels, expected) in [
            (
                [R(key: "x", operator: .in, values: ["foo"]), R(key: "y", operator: .notIn, values: ["alpha"])], ["x": "foo", "y": "baz"],
                true
            ),
            (
                [R(key: "x", operator: .in, values: ["foo"]), R(key: "y", operator: .in, values: ["alpha"])], ["x": "foo", "y": "baz"],
                false
            ),
            ([R(key: "x", operator: .notIn, values: [""]), R(key: "y", operator: .exists)], ["y": ""], true),
            ([R(key: "x", operator: .doesNotExist), R(key: "y", operator: .exists)], ["y": ""], true),
            ([R(key: "x", operator: .notIn, values: [""]), R(key: "y", operator: .doesNotExist)], ["y": ""], false),
            ([R(key: "x", operator: .in, values: [""])], ["y": "baz"], false),
            ([R(key: "z", operator: .greaterThan, values: ["1"])], ["z": "2"], true),
            ([R(key: "z", operator: .greaterThan, values: ["1"])], ["z": "v2"], false),
        ] as [([R], [String: String], Bool)] {
            #expect(requirements.allSatisfy { $0.matches(labels) } == expected, "\(requirements) on \(labels)")
        }
    }

    /// The set-based forms: the requirements each valid string gives (by key), and the strings refused.
    @Test func setBasedSelectors() throws {
        typealias R = LabelSelector.Requirement
        let valid: [(String, [R])] = [
            ("", []),
            ("\rx", [R(key: "x", operator: .exists)]),
            ("this-is-a-dns.domain.com/key-with-dash", [R(key: "this-is-a-dns.domain.com/key-with-dash", operator: .exists)]),
            (
                "this-is-another-dns.domain.com/key-with-dash in (so,what)",
                [R(key: "this-is-another-dns.domain.com/key-with-dash", operator: .in, values: ["so", "what"])]
            ),
            (
                "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
                [R(key: "0.1.2.domain/99", operator: .notIn, values: ["10.10.100.1", "tick.tack.clock"])]
            ),
            ("foo  in\t (abc)", [R(key: "foo", operator: .in, values: ["abc"])]),
            ("x notin\n (abc)", [R(key: "x", operator: .notIn, values: ["abc"])]),
            ("x  notin\t\t\t(abc,def)", [R(key: "x", operator: .notIn, values: ["abc", "def"])]),
            ("x in (abc,def)", [R(key: "x", operator: .in, values: ["abc", "def"])]),
            ("x in (abc,)", [R(key: "x", operator: .in, values: ["abc", ""])]),
            ("x in ()", [R(key: "x", operator: .in, values: [""])]),
            (
                "x notin (abc,,def),bar,z in (),w",
                [
                    R(key: "bar", operator: .exists), R(key: "w", operator: .exists),
                    R(key: "x", operator: .notIn, values: ["abc", "", "def"]),
                    R(key: "z", operator: .in, values: [""]),
                ]
            ),
            ("x=a", [R(key: "x", operator: .equals, values: ["a"])]),
            ("x>1", [R(key: "x", operator: .greaterThan, values: ["1"])]),
            ("x<7", [R(key: "x", operator: .lessThan, values: ["7"])]),
            ("x=a,y!=b", [R(key: "x", operator: .equals, values: ["a"]), R(key: "y", operator: .notEquals, values: ["b"])]),
            (
                "x=a,y!=b,z in (h,i,j)",
                [
                    R(key: "x", operator: .equals, values: ["a"]), R(key: "y", operator: .notEquals, values: ["b"]),
                    R(key: "z", operator: .in, values: ["h", "i", "j"]),
                ]
            ),
            ("x notin ( )", [R(key: "x", operator: .notIn, values: [""])]),
            ("x notin (, a)", [R(key: "x", operator: .notIn, values: ["", "a"])]),
            ("a ", [R(key: "a", operator: .exists)]),
            ("a in (x,y,notin, z,in)", [R(key: "a", operator: .in, values: ["in", "notin", "x", "y", "z"])]),
            ("1foo in (bar)", [R(key: "1foo", operator: .in, values: ["bar"])]),
            ("1234 in (bar)", [R(key: "1234", operator: .in, values: ["bar"])]),
        ]
        for (text, requirements) in valid {
            #expect(try LabelSelector(parsing: text).requirements == requirements, "\(text)")
        }
        // x,y in (a) parses (its requirements sorted by key differ from the order written).
        #expect(try LabelSelector(parsing: "x,y in (a)").requirements.map(\.key) == ["x", "y"])
        for text in [
            "x=a||y=b", "x,,y", ",x,y", "x nott in (y)", "a in (xyz),", "a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "(",
            String(repeating: "a", count: 254), "foo>bar", "barz<blah",
        ] {
            #expect(throws: LabelSelectorError.self, "\(text)") { try LabelSelector(parsing: text) }
        }
    }

    @Test func anErrorSaysWhatWasExpected() {
        #expect(throws: LabelSelectorError(selector: "env in prod", message: "\"(\" is expected after env's in or notin")) {
            try LabelSelector(parsing: "env in prod")
        }
    }
}
