Feature: broken
  Scenario: x
    Then
  Foo bar
   Scenaro: y
