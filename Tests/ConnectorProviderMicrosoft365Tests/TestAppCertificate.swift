/// A certificate and key made once with `openssl req -x509 -newkey rsa:2048 -nodes -days 36500`, with the thumbprints
/// openssl printed for it (`openssl x509 -outform der | openssl dgst -sha1 -binary | base64url`): the outside oracle
/// for the provider's `x5t` and `x5t#S256`. Test material only; it authorizes nothing.
enum TestAppCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIDJzCCAg+gAwIBAgIUE6rg/UeX6/HfYwGSaDxZH+fzVwswDQYJKoZIhvcNAQEL
        BQAwIjEgMB4GA1UEAwwXZmlsZS1jb25uZWN0b3IgdGVzdCBhcHAwIBcNMjYxMjA2
        MTc0MzI5WhgPMjEyNjExMTIxNzQzMjlaMCIxIDAeBgNVBAMMF2ZpbGUtY29ubmVj
        dG9yIHRlc3QgYXBwMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAki1+
        ezImbR9qG4J6OG62msJdOZFVot4nXWG+gVozagGO6xPjoQfxliq7crbIrFToLi3V
        VyLC/rVTrl4hgz0Z8IPSPKynHPglqktGwvIF5xfyILDHax56m3QqpLzVjRQ3NNd7
        bKmqmhrG40sR5uAlK+OB5xGZFALWpNsZ4EastwMdK8/vw+uzAyBELVDdtpJJXLhu
        0FgsKj64mF5idmN7N5pld9EEIztinl16iIQydxQ3yg4F4BSK/QygSQycMHSR+xCB
        8Rabn8EZdX9qWncFf7Z1xqvaldJ0lFyIPBnId4fmiQLRqejWELKMPUJLv09NIIYs
        QBrbCnO8TWDlfoyKVwIDAQABo1MwUTAdBgNVHQ4EFgQURURuLE4V0+lxPVDWt2Yd
        Ldj1KvwwHwYDVR0jBBgwFoAURURuLE4V0+lxPVDWt2YdLdj1KvwwDwYDVR0TAQH/
        BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAVXyhf486j6CQHATo1oYDgjHlrhgp
        RXvJ4J7CCgT/rOx8IQ3NJ0m0aBVV/hBZFEmgmuR3DQnfUK861bevKvLd9+MpZl9w
        7IgMmrd5nf/7GA/MMufNNatBOuaDser8kBy4v+kkOm3zYxt33Yn77dTzDcWbDfeP
        SFLLCWY5jKCMRlvXOSJt/u/6JyugP2nrQWl8L4Pzu5HJ7wMrKnFI+a2zyNqMhUOp
        TAMN6F2moSQm2nAxiQhsqSp2Tgr9ViHqvel6h1wnlVgdCPm8N0IV6rk2SvoKAPHX
        38P99g80fkF3u1UvzwRre0jQR8AHH6tkZ8rBJsdOZpuC77vOYyKTryPZkA==
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCSLX57MiZtH2ob
        gno4braawl05kVWi3iddYb6BWjNqAY7rE+OhB/GWKrtytsisVOguLdVXIsL+tVOu
        XiGDPRnwg9I8rKcc+CWqS0bC8gXnF/IgsMdrHnqbdCqkvNWNFDc013tsqaqaGsbj
        SxHm4CUr44HnEZkUAtak2xngRqy3Ax0rz+/D67MDIEQtUN22kklcuG7QWCwqPriY
        XmJ2Y3s3mmV30QQjO2KeXXqIhDJ3FDfKDgXgFIr9DKBJDJwwdJH7EIHxFpufwRl1
        f2padwV/tnXGq9qV0nSUXIg8Gch3h+aJAtGp6NYQsow9Qku/T00ghixAGtsKc7xN
        YOV+jIpXAgMBAAECggEADf/BK3XMj0ot/iKoDZjj8DAP/7Z6H7+SjOz48rT1B1oA
        QJjmUlW+Ua+XxW8mCoPHiCPUjBekpzVg8h1KrIf6YKz6W9wvCH7m4IdJm6htxa/N
        Fn6UXB8oBi40WhPjIbOSnxyWnq8kl8Vbtoj9PTT9g+8x600L2D12jLgwIxxLNLi4
        ohLK96+xHFCANEJHWee/my+YOZ6TtkR+9aVFqwslrS4+G0TB5tF6agLEW8eon3TD
        UdLwAu21sIq27dzzFWubdUG1SWiny/PcClhL8M55Hf1a8Xh1Xq0GBDKYt2kwmS6m
        f+4Mtmr0RbPV9BqwxJj+I5rJ3m1ooaYvI2nL/afTeQKBgQDKTwojKYBjGFyhudKu
        n5xrEbATOw6FrfCAICI1lN942W5sdYh9rpADdjqXsGLgvJZJxCUck7hJCPLQa8G9
        cYEdOkgEj3EVombLZOZbCQurZFWWEQnntGSddMdnuWpVxVFVy6+i2K2AK+iI0sv4
        6a977pdPzHyKTNPmohkO8UXOjwKBgQC4+OIIAQ+IzvM85/Tk3A7Wp/b+Yp/X0C2n
        b9GyXUEzgBlHqBXb79jWUPyREuv67iSOKKJ7CVcUslyviEth0xnPbEiFzbSZOqz+
        12cm21xm7qztL1dHqXBsK90GKTD7u+PmfV7vtPE8V3DX92q1S0JwWfH/tFFdoa37
        Be1fmDPruQKBgB8oDwqdQJ2CSfnKMW0dPayrm69KgBEMWaaRzFLuK4BkFAJ2E2Av
        uxQdaCamToQH5ylTINgG0/HDhAmfHsY7LcQ/jonNQYAwc55NWsCYYwixOhETbLAX
        cwtgybjqsDqnWcBZzyHINugvWu9/b1RVQOZYN0td1axC6rtxKWTIuZR3AoGAHsRf
        LH+oqtPph6b5iBvGaBQWNGgJOGeLQH+L/MQgNUXIbq/ZuvShN7zO1f60u89iyzad
        GCQMlQe5/QSJrWLktyjGw2Lc+GPXJKiFouP38bMflnA6b1QSvBtrrzuoxyaQmOUf
        pnWNbsEIpxOjbzZufauoYiUHJ7Dd9JQe0LjLYhkCgYEAsZ5VGvzsuVpp/ClvkRC1
        Kp7CehSXHFLXqtGJQwt1zJeyaEPMAR3rjQKLk0WVimNOvH/lLKKxwPdCeDIDfnjl
        J41Bhaewv1/XU176YPAo83qvtjCHq1zrokr/3zeOFx1M+FBvB84s001nANbj5phN
        j5EWM6CXqRHmbC4HDMPA6vk=
        -----END PRIVATE KEY-----
        """

    /// Another key, which does not belong to the certificate.
    static let otherPrivateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDMxLUd+eHM0e5b
        GnjpYfXp5WQ5JjHMOzLFfK3/fkbkIknckCnUpjzwK6EUJSgS8k8ph2NLfDeE2loE
        dEeBvHTi/dsE6IHCZkgyYwH6fGSg88snSp8DBKiLMAXibK5KbYLqNPv2adbZzfKS
        VhljLlM+jOe4QIU3hqkUdhIlO0GBtWnM7SgEirCVe4llqt6GIX8TlHTOIuh1rrBY
        VdItP0W8hgZvSYQoTu6hW06DZh0oyYXBmlTAbmNqQNSoZh8WkCofIREQ+TOfzcxT
        tUTTFvgTE1jpzb9lUUxliaWNUqQ7C8f2hEwzrxVQFI4VH+t9KS2HcK10I7wXMp1w
        MdSpjUZ/AgMBAAECggEASZeapjrT4ZpDSV/Cu9HWoSits/JbrFRMQ3izSiMWlFAU
        bp4rQn86YHC1s/lEpUaLl9fOImdyxp75AifOOTzDX38vs1xiojzDTsSRhfYl7kig
        Jy9k5Z9LebaZLs6zdxFTnxvKwD06l82yE9C40BHqngzjDK+3kQSnCLEEhXf964Dk
        d0vp0z/u49r2oNU5aePnAkLHySkdt+/7p+4s0ND1vaBCsd0lRzfI4YYUxRdUSqK8
        4SM5P1R9G02R92xClvoTd6iTuuBmP5P8/pA6Ly0U0iT3rNaZnS8YMNWo78gTZJNx
        NFvV6xybXvl1P1zepeTgtNSfYWR2bVFxO4fSyu4ISQKBgQDqQlLbstB3YixFF864
        SkE1Z7SYkMfuebzrAPx+tXdl0MrC6BNXkqiZ8Lsio9pYht198EaBI1kiZJ+YfdPU
        Ki69Xp5rlUsYzF1EYykqRZMAF2DwcVHIPqCTMneSE75LcAv6MdbrQeSkgr7IKbN+
        YLJdOeePGp/bPgNGE3vfw1m1RwKBgQDfxbmreBHsQEiBrW0WqblxisUpESLtUkNH
        7Rzra5acZD7cUOVquTC08PsNv47L3bpHMgg5VxnpeFUiOO1BDqokw9Bhvk4MvXiU
        IOaGTWs7LXOTvH5DxKacft3HDRNMf6WqSJejT3bBhNYKKs89jpep7DC/NBFyhVU+
        83Hzt5phCQKBgQCiyMXVP1PXsdO7i4itzYO0vcTkQ697CwN5dmz/C9DVYpqTiDtw
        nkwk9QDFWIExBT7C9gW4VTzqRmwUxlM92rYyB58keVD/AXxKOnHvmvtEk/pb+xLu
        iH6C6w3l52xT9Z+NE7caMebVXrl+VGQTjNRFLii367Nr4ZLazk1FN/WNnwKBgQCz
        tl8j5301aHcStk5LCinllxY6ogmT4SIprLMyGqjNlvCpDcsByBLm7jYh13r+HWeR
        8AuMyXgE+eAdaOyZ+AYLGrvLFAQo1S32gOnCaIC6+Qi+WH5rPI62VmkUiFq8cDOD
        K2OlA5eTWXRwm+ruPAtvq0GG/XEZsR1CPk+A9S5lyQKBgQClmVtkJkCh7SaaCl6W
        /Rp3AYOB79eBgd5gNlC9FxrpNsRdm7PhY7rrE2BhWIQiO/f3uSSsZUpQQfxlf0JE
        LfuYVIE2O+mupiA/LsAek+h+oGMKwkAwHAMk0lg9q42xfOdNPqiAqlw3NV8EOwfY
        ViR1DANgbKqx41K2K1VkBBCblw==
        -----END PRIVATE KEY-----
        """

    static let sha1Thumbprint = "7n4aMgwECY_enBDY7c6KoJHOlWc"
    static let sha256Thumbprint = "2CP6zmIW0csPb_4-P9TBlUkITyT96LLfStJln5nBfSM"
}
