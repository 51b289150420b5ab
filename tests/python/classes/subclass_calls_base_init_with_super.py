# A subclass extends its base; super() reaches the base class's methods.
class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return super().speak() + " (woof)"


d = Dog("Rex", "collie")
print(d.speak(), d.breed)
print(isinstance(d, Animal), issubclass(Dog, Animal), issubclass(Animal, Dog))
