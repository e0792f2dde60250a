Feature: The shop's database
  Scenario: only the web tier reaches the database
    Then deployment "web" in "shop" can reach deployment "db" in "shop" on port 5432
    And deployment "db" in "shop" is isolated for ingress

  Scenario: the database does not listen on other ports
    Then deployment "web" in "shop" cannot reach deployment "db" in "shop" on port 8080
