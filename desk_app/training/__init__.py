"""The training side: data, model, augmentation and export. Imports TensorFlow lazily."""
