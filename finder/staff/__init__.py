"""Staff features: accounts, the visitor list and handout, warm referrals, privacy measures."""
