// FakeMicrosoftGraph (in progress).
