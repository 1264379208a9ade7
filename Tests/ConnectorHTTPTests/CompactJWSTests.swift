import ConnectorHTTP
import ConnectorJSON
import Foundation
import Testing

/// The signing input of a JWT assertion: compact JSON, keys in byte order, slashes as they are, unpadded base64url.
@Suite struct CompactJWSTests {
    @Test func theSigningInputIsCompactSortedJSONInBase64URL() throws {
        var signed: Data?
        let header: JSONObject = ["typ": "JWT", "alg": "RS256", "kid": "k/1"]
        let claims: JSONObject = ["scope": "https://www.googleapis.com/auth/drive.readonly", "iat": 1_800_000_000, "aud": "a\"b"]
        let jws = try CompactJWS.serialize(header: header, claims: claims) { input in
            signed = input
            return Data([0xFB, 0xFF])
        }
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 3)
        #expect(signed == Data("\(parts[0]).\(parts[1])".utf8))
        #expect(parts[2] == "-_8", "the signature in unpadded base64url")
        #expect(try Self.decoded(parts[0]) == #"{"alg":"RS256","kid":"k/1","typ":"JWT"}"#)
        #expect(
            try Self.decoded(parts[1])
                == #"{"aud":"a\"b","iat":1800000000,"scope":"https://www.googleapis.com/auth/drive.readonly"}"#)
        // Foundation's reader, an outside oracle, reads the same claims.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try Self.decoded(parts[1]).utf8)) as? [String: Any])
        #expect(object["aud"] as? String == "a\"b")
        #expect(object["iat"] as? Int == 1_800_000_000)
        #expect(parts.allSatisfy { !$0.contains("=") && !$0.contains("+") && !$0.contains("/") })
    }

    private static func decoded(_ part: String) throws -> String {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
    }
}
