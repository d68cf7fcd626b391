"""What the resident web and the staff side share: templating, languages, dependencies, cookies, QR codes, URLs and HTTP middleware."""
