import Foundation
import NIOConcurrencyHelpers

/// Service accounts, access tokens and delegation: what the token endpoint checks, and the knobs tests turn.
extension FakeGoogleDrive {
    /// Issues a new key for `email` whose `token_uri` is this fake's `/token` (start the fake first).
    /// - Throws: The key generation error.
    public func issueServiceAccount(email: String = "connector@fake-project.iam.gserviceaccount.com") throws -> FakeServiceAccount {
        let (number, url) = state.withLockedValue { state -> (Int, String) in
            state.idCounter += 1
            return (state.idCounter, host.baseURL)
        }
        let keyID = Self.hex(UInt64(number), 2) + "a1b2c3d4"
        let account = try FakeServiceAccount(email: email, tokenURI: url + "/token", keyID: keyID, clientID: "1098765432\(number)")
        state.withLockedValue { $0.accounts[keyID] = account }
        return account
    }

    /// Disables or deletes a key: assertions signed with it are refused with `invalid_grant`.
    public func revokeKey(_ keyID: String) {
        state.withLockedValue { _ = $0.revokedKeys.insert(keyID) }
    }

    /// Lets assertions impersonate `subject` (domain-wide delegation granted in the Admin console).
    public func allowDelegation(subject: String) {
        state.withLockedValue { _ = $0.delegatedSubjects.insert(subject) }
    }

    /// The `expires_in` of new access tokens, in seconds (3599 by default).
    public var tokenLifetime: Int {
        get { state.withLockedValue { $0.tokenLifetime } }
        set { state.withLockedValue { $0.tokenLifetime = newValue } }
    }

    /// Makes every access token issued so far invalid (as if expired): API calls with them get 401.
    public func expireAccessTokens() {
        state.withLockedValue { state in
            for token in state.accessTokens.keys { state.accessTokens[token] = .distantPast }
        }
    }

    /// Access tokens issued so far.
    public var issuedTokenCount: Int { state.withLockedValue { $0.tokenCounter } }

    /// Every assertion presented to the token endpoint, accepted or not.
    public var assertions: [FakeAssertion] { state.withLockedValue { $0.assertions } }

    /// Makes every outstanding `files.list` page token invalid (Drive's tokens last "several hours").
    public func expirePageTokens() {
        state.withLockedValue { state in
            state.listings = [:]
            state.listingOrder = []
        }
    }

    /// Makes every change token issued so far invalid, as an expired or foreign token would be.
    public func forgetChangeHistory() {
        state.withLockedValue { $0.oldestValidChangeToken = $0.nextSequence }
    }

    /// The most files per `files.list` page, below Drive's 1000 (the server "may return fewer").
    public var maxPageSize: Int {
        get { state.withLockedValue { $0.maxPageSize } }
        set { state.withLockedValue { $0.maxPageSize = max(1, newValue) } }
    }

    /// Whether `files.list` answers say `incompleteSearch: true`.
    public var incompleteSearch: Bool {
        get { state.withLockedValue { $0.incompleteSearch } }
        set { state.withLockedValue { $0.incompleteSearch = newValue } }
    }
}
