"""The catalogue as Open Referral HSDS 3.0 open data: API records and the tabular datapackage."""
